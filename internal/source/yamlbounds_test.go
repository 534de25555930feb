package source

import (
	"fmt"
	"strings"
	"testing"
)

// laughs is a "billion laughs": levels of anchors, each a list of width
// aliases to the one before, used by the key tags.
func laughs(levels, width int) string {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol]\n")
	for i := 1; i <= levels; i++ {
		refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), width), ", ")
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, refs)
	}
	fmt.Fprintf(&b, "tags: *l%d\n", levels)
	return b.String()
}

func TestCheckYAMLRefuses(t *testing.T) {
	lim := YAMLLimit{MaxBytes: 1 << 20, Setting: "limits.max_front_matter in tailor.yaml"}
	for _, tc := range []struct {
		name, src, want string
	}{
		{"billion laughs", laughs(9, 10), "f.md:8:10: aliases expand the YAML past 1048576 bytes (limits.max_front_matter in tailor.yaml)"},
		{"too many aliases", "a: &a x\nb: [" + strings.TrimSuffix(strings.Repeat("*a, ", 101), ", ") + "]\n", "f.md:3:"},
		{"too big", "title: \"" + strings.Repeat("x", 1<<20) + "\"\n", "f.md:2:1: YAML of 1048586 bytes, over the limit of 1048576 bytes (limits.max_front_matter in tailor.yaml)"},
		{"deep flow", "tags: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n", "f.md:2:70: nested more than 64 deep"},
		{"deep dashes", "tags:\n" + strings.Repeat("- ", 100000) + "x\n", "f.md:3:"},
		{"deep indentation", deepMap(70), "f.md:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckYAML("f.md", 1, []byte(tc.src), lim)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one starting %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), "deep") && !strings.Contains(err.Error(), "alias") && !strings.Contains(err.Error(), "limit") {
				t.Errorf("err = %v: which bound?", err)
			}
		})
	}
}

// deepMap nests mappings n deep by indentation.
func deepMap(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%sk%d:\n", strings.Repeat(" ", i), i)
	}
	return b.String()
}

func TestCheckYAMLAllows(t *testing.T) {
	lim := YAMLLimit{MaxBytes: 1 << 20}
	for _, src := range []string{
		laughs(2, 10), // 100 values from 21 aliases
		"defaults: &d {priority: 1, tags: [a, b]}\nhero: {<<: *d, slot: hero}\n",
		deepMap(60),
		"tags: " + strings.Repeat("[", 60) + strings.Repeat("]", 60) + "\n",
		"segments:\n  - name: a\n    when: x > 1\n  - name: b\n    when: y\n",
		"",
		"{{ not yaml: [\n", // a syntax error is the decoder's to report
	} {
		if err := CheckYAML("f.md", 0, []byte(src), lim); err != nil {
			t.Errorf("%.60q: %v", src, err)
		}
	}
}

func TestDecodeFrontMatterBound(t *testing.T) {
	src := []byte("---\ntitle: \"" + strings.Repeat("x", 2000) + "\"\n---\nbody\n")
	doc, err := Split("m.md", src)
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Title string `yaml:"title"`
	}
	if err := doc.Decode(&v); err != nil || len(v.Title) != 2000 {
		t.Fatalf("default bound: %v", err)
	}
	doc.maxYAML = 1000
	if err := doc.Decode(&v); err == nil || !strings.HasPrefix(err.Error(), "m.md:2:1: YAML of 2010 bytes, over the limit of 1000 bytes (limits.max_front_matter") {
		t.Fatalf("err = %v", err)
	}
}

func TestYAMLErrorf(t *testing.T) {
	src := []byte("name: x\nlimits:\n  timeout: soon\nexperiments:\n  - name: a\n  - name: \"\"\n")
	for path, want := range map[string]string{
		"$.limits.timeout":  "tailor.yaml:3:12: bad",
		"$.experiments[1]":  "tailor.yaml:6:",
		"$.limits.nothing":  "tailor.yaml:3:",
		"$.missing.deeper":  "tailor.yaml:1:1: bad",
		"$.experiments[7]":  "tailor.yaml:5:",
		"$.name":            "tailor.yaml:1:7: bad",
		"$.timezone":        "tailor.yaml:1:1: bad",
		"$.experiments[1].": "tailor.yaml:",
	} {
		if got := YAMLErrorf("tailor.yaml", src, path, "bad").Error(); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %s, want it to start %q", path, got, want)
		}
	}
}
