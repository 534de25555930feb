package modules

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/templates"
)

// selectEach is Select without the index: every module of the slot is
// tested in selection order, as Select did before it had one.
func selectEach(lib *Library, slot string, env segment.Env) (*Module, error) {
	var fallback *Module
	for _, m := range lib.Modules(slot) {
		if m.Fallback() {
			if fallback == nil {
				fallback = m
			}
			continue
		}
		failed, _, err := m.check(env)
		if err != nil {
			return nil, err
		}
		if failed == none {
			return m, nil
		}
	}
	return fallback, nil
}

// TestIndexedSelectIsTheSame: on random slots of up to 300 modules (so
// sets of several words), with segments, when:, locales, fallbacks and
// tied priorities, Select picks what testing every module in order picks,
// failing where it fails, for recipients in random segments.
func TestIndexedSelectIsTheSame(t *testing.T) {
	segs := []string{"a", "b", "c", "d", "e"}
	for round := range 40 {
		r := rand.New(rand.NewPCG(uint64(round), 16))
		files := map[string]string{}
		n := 1 + r.IntN(300)
		for i := range n {
			var fm strings.Builder
			if r.IntN(4) > 0 {
				fm.WriteString("segments: [" + segs[r.IntN(len(segs))])
				if r.IntN(3) == 0 {
					fm.WriteString(", " + segs[r.IntN(len(segs))])
				}
				fm.WriteString("]\n")
			}
			switch r.IntN(6) {
			case 0:
				fmt.Fprintf(&fm, "when: spent > %d\n", r.IntN(100))
			case 1:
				fm.WriteString("when: days_since(seen) < 3\n") // fails on a bad date
			case 2:
				fm.WriteString("locale: de\n")
			}
			fmt.Fprintf(&fm, "priority: %d\n", r.IntN(5))
			files[fmt.Sprintf("modules/hero/m%03d.md", i)] = "---\n" + fm.String() + "---\nx\n"
		}
		lib := mustLoad(t, files)
		for k := range 50 {
			var in []string
			for _, s := range segs {
				if r.IntN(3) == 0 {
					in = append(in, s)
				}
			}
			p := segment.Profile{"spent": float64(r.IntN(120)), "locale": []string{"de", "fr"}[r.IntN(2)]}
			if r.IntN(5) == 0 {
				p["seen"] = "yesterday"
			}
			env := envIn(p, in...)
			got, gotErr := lib.Select("hero", env)
			want, wantErr := selectEach(lib, "hero", env)
			if got != want || (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
				t.Fatalf("round %d, recipient %d (%d modules, in %v): Select = %v, %v; every module in order = %v, %v",
					round, k, n, in, id(got), gotErr, id(want), wantErr)
			}
		}
	}
}

func id(m *Module) string {
	if m == nil {
		return "nil"
	}
	return m.ID
}

// TestSelectOfAnUnknownSlot: a slot without modules selects nothing.
func TestSelectOfAnUnknownSlot(t *testing.T) {
	lib := mustLoad(t, map[string]string{"modules/hero/a.md": "---\n---\nx\n"})
	if m, err := lib.Select("footer", envIn(nil)); m != nil || err != nil {
		t.Errorf("Select(footer) = %v, %v", m, err)
	}
}

// BenchmarkSelectUnreachable selects for a recipient in no segment from a
// slot of 1,000 modules that each name a segment and have a when:, and
// a fallback: the index leaves the fallback alone to test ("index"),
// where testing every module in order ("each") tests a thousand.
func BenchmarkSelectUnreachable(b *testing.B) {
	files := map[string]string{"modules/hero/zz.md": "---\n---\nx\n"}
	for i := range 1000 {
		files[fmt.Sprintf("modules/hero/m%04d.md", i)] = fmt.Sprintf("---\nsegments: [s%d]\nwhen: spent > %d\n---\nx\n", i%10, i)
	}
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	fsLib, err := Load(fsys, templates.Funcs(templates.Defaults{}), 0)
	if err != nil {
		b.Fatal(err)
	}
	env := envIn(segment.Profile{"spent": 5.0})
	for name, sel := range map[string]func(*Library, string, segment.Env) (*Module, error){"index": (*Library).Select, "each": selectEach} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if m, err := sel(fsLib, "hero", env); err != nil || m == nil || m.ID != "hero/zz" {
					b.Fatal(m, err)
				}
			}
		})
	}
}
