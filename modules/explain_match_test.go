package modules

import (
	"testing"

	"github.com/tailor-email/tailor/segment"
)

// TestExplainNamesWhatAModuleMatchedBy checks that a module that matched
// by its experiment, locale or segment says so, and that only a module
// with no condition at all is called a fallback.
func TestExplainNamesWhatAModuleMatchedBy(t *testing.T) {
	lib := mustLoad(t, map[string]string{
		"modules/hero/arm.md":   "---\nexperiment: x\nvariant: a\npriority: 30\n---\nx\n",
		"modules/hero/fr.md":    "---\nlocale: fr\nexperiment: x\nvariant: a\nsegments: [vip]\npriority: 20\n---\nx\n",
		"modules/hero/plain.md": "---\n---\nx\n",
	})
	env := envIn(segment.Profile{"locale": "fr"}, "vip")
	want := map[string]string{
		"hero/arm":   `experiment x: variant "a"`,
		"hero/fr":    `locale is fr; experiment x: variant "a"; in segment vip`,
		"hero/plain": "fallback: no condition",
	}
	for _, c := range lib.Explain("hero", env) {
		if !c.Matched || c.Reason != want[c.Module.ID] {
			t.Errorf("%s: matched %v, %q; want true, %q", c.Module.ID, c.Matched, c.Reason, want[c.Module.ID])
		}
	}
}
