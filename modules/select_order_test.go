package modules

import (
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/segment"
)

// envIn is an environment in the given segments, in variant "a" of x, on
// 1 November 2026.
func envIn(profile segment.Profile, segments ...string) segment.Env {
	m := segment.Membership{Segments: map[string]bool{}}
	for _, s := range segments {
		m.Segments[s] = true
	}
	return segment.Env{Profile: profile, Membership: m, Variants: map[string]string{"x": "a"},
		Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
}

func mustLoad(t *testing.T, files map[string]string) *Library {
	t.Helper()
	lib, err := load(t, files)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func selectID(t *testing.T, lib *Library, env segment.Env) string {
	t.Helper()
	m, err := lib.Select("hero", env)
	if err != nil {
		t.Fatal(err)
	}
	if m == nil {
		return ""
	}
	return m.ID
}

// TestEqualPriorityGoesToTheFirstID: among matching modules of the same
// priority the one whose ID sorts first wins, whatever the file order;
// a higher priority still beats it.
func TestEqualPriorityGoesToTheFirstID(t *testing.T) {
	vip := "---\nsegments: [vip]\npriority: 10\n---\nx\n"
	lib := mustLoad(t, map[string]string{
		"modules/hero/b.md": vip, "modules/hero/c.md": vip, "modules/hero/a.md": vip,
		"modules/hero/plain.md": "---\n---\nHi\n",
	})
	if got := selectID(t, lib, envIn(nil, "vip")); got != "hero/a" {
		t.Errorf("Select = %s, want hero/a", got)
	}
	var order []string
	for _, m := range lib.Modules("hero") {
		order = append(order, m.ID)
	}
	if got := strings.Join(order, " "); got != "hero/a hero/b hero/c hero/plain" {
		t.Errorf("Modules order %s", got)
	}
	lib = mustLoad(t, map[string]string{
		"modules/hero/a.md": vip, "modules/hero/z.md": "---\nsegments: [vip]\npriority: 11\n---\nx\n",
	})
	if got := selectID(t, lib, envIn(nil, "vip")); got != "hero/z" {
		t.Errorf("Select = %s, want the higher priority hero/z", got)
	}
}

// TestTheFirstFallbackWins: with several modules without a condition, a
// recipient who matches nothing gets the first in selection order (the
// highest priority, then the first ID), and Fallback names that one.
func TestTheFirstFallbackWins(t *testing.T) {
	tests := []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"modules/hero/z.md": "---\n---\nz\n", "modules/hero/a.md": "---\n---\na\n", "modules/hero/m.md": "---\n---\nm\n"}, "hero/a"},
		{map[string]string{"modules/hero/a.md": "---\n---\na\n", "modules/hero/z.md": "---\npriority: 5\n---\nz\n"}, "hero/z"},
	}
	for _, tt := range tests {
		tt.files["modules/hero/vip.md"] = "---\nsegments: [vip]\n---\nvip\n"
		lib := mustLoad(t, tt.files)
		if got := selectID(t, lib, envIn(nil)); got != tt.want {
			t.Errorf("Select = %s, want %s", got, tt.want)
		}
		if fb := lib.Fallback("hero"); fb == nil || fb.ID != tt.want {
			t.Errorf("Fallback is not %s", tt.want)
		}
		if got := selectID(t, lib, envIn(nil, "vip")); got != "hero/vip" {
			t.Errorf("a matching module lost to a fallback: %s", got)
		}
	}
	lib := mustLoad(t, map[string]string{"modules/hero/vip.md": "---\nsegments: [vip]\n---\nvip\n"})
	if got := selectID(t, lib, envIn(nil)); got != "" || lib.Fallback("hero") != nil {
		t.Errorf("a slot without a fallback selected %q for a recipient matching nothing", got)
	}
}

// TestExplainSaysWhyEachModuleWonOrLost: Explain lists the slot's modules
// in selection order, each with the first condition it failed or why it
// matched, and agrees with Select.
func TestExplainSaysWhyEachModuleWonOrLost(t *testing.T) {
	lib := mustLoad(t, map[string]string{
		"modules/hero/soon.md":   "---\nstarts: 2026-12-01\npriority: 60\n---\nx\n",
		"modules/hero/over.md":   "---\nends: 2026-11-01\npriority: 50\n---\nx\n",
		"modules/hero/de.md":     "---\nlocale: de\npriority: 40\n---\nx\n",
		"modules/hero/b.md":      "---\nexperiment: x\nvariant: b\npriority: 30\n---\nx\n",
		"modules/hero/gold.md":   "---\nsegments: [gold, vip]\npriority: 20\n---\nx\n",
		"modules/hero/rich.md":   "---\nwhen: spent > 100\npriority: 10\n---\nx\n",
		"modules/hero/loyal.md":  "---\nsegments: [loyal, vip]\nwhen: spent > 1\npriority: 5\n---\nx\n",
		"modules/hero/plain.md":  "---\n---\nx\n",
		"modules/hero/always.md": "---\nstarts: 2026-10-01\nends: 2026-11-02\n---\nx\n",
	})
	env := envIn(segment.Profile{"locale": "fr", "spent": 50.0}, "vip")
	want := []string{
		"hero/soon false not started (starts 2026-12-01)",
		"hero/over false ended (2026-11-01)",
		"hero/de false locale is not de",
		`hero/b false experiment x: variant is "a", not "b"`,
		"hero/gold true in segment vip",
		"hero/rich false when is false: spent > 100",
		"hero/loyal true in segment vip; when is true: spent > 1",
		"hero/always true running from 2026-10-01 until 2026-11-02",
		"hero/plain true fallback: no condition",
	}
	var got []string
	for _, c := range lib.Explain("hero", env) {
		got = append(got, c.Module.ID+" "+map[bool]string{true: "true", false: "false"}[c.Matched]+" "+c.Reason)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Explain:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if id := selectID(t, lib, env); id != "hero/gold" {
		t.Errorf("Select = %s, want hero/gold, Explain's first match", id)
	}
	env.Membership.Segments = map[string]bool{}
	if c := lib.Explain("hero", env)[4]; c.Matched || c.Reason != "not in gold or vip" {
		t.Errorf("outside the segments: %+v", c)
	}
}

// TestSelectFailsOnAConditionError: a condition that cannot be evaluated
// for a recipient fails Select, naming the module's when, and Explain
// gives it as the reason instead of a match.
func TestSelectFailsOnAConditionError(t *testing.T) {
	lib := mustLoad(t, map[string]string{
		"modules/hero/seen.md":  "---\nwhen: days_since(seen) < 3\npriority: 1\n---\nx\n",
		"modules/hero/plain.md": "---\n---\nx\n",
	})
	env := envIn(segment.Profile{"seen": "yesterday"})
	if m, err := lib.Select("hero", env); err == nil || !strings.Contains(err.Error(), "modules/hero/seen.md:2") {
		t.Errorf("Select = %v, %v; want an error at modules/hero/seen.md:2", m, err)
	}
	if c := lib.Explain("hero", env)[0]; c.Matched || !strings.HasPrefix(c.Reason, "error: ") {
		t.Errorf("Explain: %+v", c)
	}
}

// TestAMPVariantJoinsItsOwnModule: NAME.amp.html is the AMP variant of
// the module NAME beside it and of no other; one without a module is a
// load error.
func TestAMPVariantJoinsItsOwnModule(t *testing.T) {
	lib := mustLoad(t, map[string]string{
		"modules/hero/a.html":     "---\n---\n<p>a</p>\n",
		"modules/hero/b.html":     "---\npriority: 1\n---\n<p>b</p>\n",
		"modules/hero/b.amp.html": "<p>b amp</p>\n",
	})
	for _, m := range lib.Modules("hero") {
		if has := m.AMP != nil; has != (m.ID == "hero/b") {
			t.Errorf("%s: has an AMP variant: %v", m.ID, has)
		}
	}
	_, err := load(t, map[string]string{"modules/hero/a.html": "---\n---\n<p>a</p>\n", "modules/hero/c.amp.html": "<p>c</p>\n"})
	if err == nil || !strings.Contains(err.Error(), "no module beside it") {
		t.Errorf("a lone AMP variant: %v", err)
	}
}
