package modules

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/templates"
)

func load(t *testing.T, files map[string]string) (*Library, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return Load(fsys, templates.Funcs(templates.Defaults{}), 0)
}

func TestMarkdownKeepsActions(t *testing.T) {
	lib, err := load(t, map[string]string{"modules/hero/a.md": "---\npriority: 1\n---\n# Hi {{ .Profile.name | default \"you\" }}\n\n{{ if .Segments.vip }}\n\n**VIP** [shop]({{ link \"https://x.example\" }})\n\n{{ end }}\n"})
	if err != nil {
		t.Fatal(err)
	}
	m := lib.Modules("hero")[0]
	got := templates.Join(m.Pieces)
	// An action alone in its paragraph stands alone in the HTML.
	want := "<h1>Hi {{ .Profile.name | default \"you\" }}</h1>\n{{ if .Segments.vip }}<p><strong>VIP</strong> <a href=\"{{ link \"https://x.example\" }}\">shop</a></p>\n{{ end }}"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, p := range m.Pieces {
		if p.Action && strings.Contains(p.Text, "if .Segments") && p.Pos.String() != "modules/hero/a.md:6:1" {
			t.Errorf("action position %s, want modules/hero/a.md:6:1", p.Pos)
		}
	}
}

func TestMarkdownRawHTMLIsNotRendered(t *testing.T) {
	lib, err := load(t, map[string]string{"modules/hero/a.md": "---\n---\n<script>alert(1)</script>\n\nHello\n"})
	if err != nil {
		t.Fatal(err)
	}
	if got := templates.Join(lib.Modules("hero")[0].Pieces); strings.Contains(got, "<script>") {
		t.Errorf("raw HTML reached the module: %s", got)
	}
}

func TestSelect(t *testing.T) {
	lib, err := load(t, map[string]string{
		"modules/hero/fallback.md": "---\n---\nHi\n",
		"modules/hero/vip.md":      "---\nsegments: [vip, gold]\npriority: 10\n---\nVIP\n",
		"modules/hero/vip-de.md":   "---\nsegments: [vip]\nlocale: de\npriority: 20\n---\nDanke\n",
		"modules/hero/sale.md":     "---\nstarts: 2026-11-27\nends: 2026-12-01\npriority: 30\n---\nSale\n",
		"modules/hero/test.md":     "---\nexperiment: x\nvariant: b\npriority: 5\n---\nB\n",
		"modules/hero/rich.md":     "---\nwhen: spent > 1000\npriority: 15\n---\nRich\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { tm, _ := time.Parse(time.DateOnly, s); return tm }
	for _, tt := range []struct {
		name     string
		segments []string
		profile  segment.Profile
		variant  string
		now      string
		want     string
	}{
		{"no segment", nil, nil, "a", "2026-11-01", "hero/fallback"},
		{"any of", []string{"gold"}, nil, "a", "2026-11-01", "hero/vip"},
		{"locale beats lower priority", []string{"vip"}, segment.Profile{"locale": "de-AT"}, "a", "2026-11-01", "hero/vip-de"},
		{"locale mismatch", []string{"vip"}, segment.Profile{"locale": "fr-FR"}, "a", "2026-11-01", "hero/vip"},
		{"dates: on the start day", nil, nil, "a", "2026-11-27", "hero/sale"},
		{"dates: end is exclusive", nil, nil, "a", "2026-12-01", "hero/fallback"},
		{"experiment variant", nil, nil, "b", "2026-11-01", "hero/test"},
		{"when", []string{"vip"}, segment.Profile{"spent": 5000.0}, "a", "2026-11-01", "hero/rich"},
		{"when with a missing field", nil, segment.Profile{}, "a", "2026-11-01", "hero/fallback"},
	} {
		m := segment.Membership{Segments: map[string]bool{}}
		for _, s := range tt.segments {
			m.Segments[s] = true
		}
		env := segment.Env{Profile: tt.profile, Membership: m, Variants: map[string]string{"x": tt.variant}, Now: day(tt.now)}
		got, err := lib.Select("hero", env)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got.ID != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got.ID, tt.want)
		}
	}
	if fb := lib.Fallback("hero"); fb == nil || fb.ID != "hero/fallback" {
		t.Errorf("Fallback = %v", fb)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tt := range []struct{ file, body, want string }{
		{"modules/hero/a.md", "---\nexperiment: x\n---\nB\n", "modules/hero/a.md:2:13: experiment and variant go together"},
		{"modules/hero/a.md", "---\nstarts: soon\n---\nB\n", "modules/hero/a.md:2:9: starts: want RFC 3339 or YYYY-MM-DD"},
		{"modules/hero/a.md", "---\nstarts: 2026-02-01\nends: 2026-01-01\n---\nB\n", "modules/hero/a.md:3:7: ends (2026-01-01) is not after starts"},
		{"modules/hero/a.md", "---\nwhen: spent >\n---\nB\n", "modules/hero/a.md:2:"},
		{"modules/hero/a.md", "---\npriority: high\n---\nB\n", "modules/hero/a.md:2:"},
		{"modules/hero/a.md", "---\n---\n{{ if }}", "modules/hero/a.md:3:"},
		{"modules/hero/a.md", "{{ if }}", "modules/hero/a.md:1:1: a module starts with front matter"},
		{"modules/hero/a.md", "---\n---\n" + strings.Repeat("x", 256<<10+1), "modules/hero/a.md:3:1: the module's body is 262145 bytes, over the limit of 262144"},
		{"modules/hero/b.amp.html", "<p>x</p>", "modules/hero/b.amp.html:1:1: AMP variant has no module beside it"},
	} {
		_, err := load(t, map[string]string{tt.file: tt.body})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.body, err, tt.want)
		}
	}
}
