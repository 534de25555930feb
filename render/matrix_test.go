package render

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestMatrix(t *testing.T) {
	ws := smallWorkspace()
	ws["segments.yaml"] = &fstest.MapFile{Data: []byte("segments:\n  - name: vip\n    when: spent >= 100\n  - name: new\n    when: orders == 0\n")}
	ws["modules/hero/vip-de.html"] = &fstest.MapFile{Data: []byte("---\nsegments: [vip]\nlocale: de\npriority: 5\n---\n<h1>Danke</h1>\n")}
	ws["modules/hero/vip.html"] = &fstest.MapFile{Data: []byte("---\nsegments: [vip]\npriority: 1\n---\n<h1>Thanks</h1>\n")}
	c := mustLoad(t, ws)
	m, err := c.Matrix("hello")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range m.Rows {
		var ids []string
		for _, mod := range r.Cells[0] {
			ids = append(ids, mod.ID)
		}
		got[r.Segment] = strings.Join(ids, " > ")
	}
	want := map[string]string{
		"vip": "hero/vip-de > hero/vip",
		"new": "hero/default",
		"":    "hero/default",
	}
	for seg, w := range want {
		if got[seg] != w {
			t.Errorf("segment %q: %s, want %s", seg, got[seg], w)
		}
	}
	plan, err := c.Plan("hello", map[string]any{"spent": 500.0, "locale": "de-AT"}, c.now)
	if err != nil || plan["hero"].ID != "hero/vip-de" {
		t.Errorf("Plan = %v, %v; want hero/vip-de", plan["hero"], err)
	}
}
