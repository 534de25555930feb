package modules

import (
	"testing"
	"time"

	"github.com/tailor-email/tailor/segment"
)

// TestEligible: every module whose conditions hold, fallbacks included,
// in selection order; Select's winner is the first non-fallback of them.
func TestEligible(t *testing.T) {
	lib, err := load(t, map[string]string{
		"modules/hero/a.md":        "---\nsegments: [vip]\npriority: 5\n---\nA\n",
		"modules/hero/b.md":        "---\nwhen: spent > 10\n---\nB\n",
		"modules/hero/c.md":        "---\nsegments: [other]\n---\nC\n",
		"modules/hero/fallback.md": "---\n---\nF\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		segs  map[string]bool
		spent float64
		want  string
	}{
		{map[string]bool{"vip": true}, 20, "hero/a hero/b hero/fallback"},
		{map[string]bool{}, 20, "hero/b hero/fallback"},
		{map[string]bool{"other": true}, 0, "hero/c hero/fallback"},
	} {
		env := segment.Env{Profile: segment.Profile{"spent": tc.spent}, Membership: segment.Membership{Segments: tc.segs}, Now: time.Now()}
		got, err := lib.Eligible("hero", env, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids := ""
		for i, m := range got {
			if i > 0 {
				ids += " "
			}
			ids += m.ID
		}
		if ids != tc.want {
			t.Errorf("%v: eligible %s, want %s", tc.segs, ids, tc.want)
		}
		if win, _ := lib.Select("hero", env); win != got[0] {
			t.Errorf("%v: Select %s is not the first eligible", tc.segs, win.ID)
		}
	}
	if got, err := lib.Eligible("nope", segment.Env{}, nil); err != nil || len(got) != 0 {
		t.Errorf("unknown slot: %v %v", got, err)
	}
}
