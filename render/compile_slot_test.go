package render

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/examples/shop"
)

// partsOf describes every compiled part of a campaign: its HTML and text
// templates as parsed, their constant outputs, and where an error of no
// place would be put.
func partsOf(c *Campaign) map[string]string {
	out := map[string]string{}
	for _, e := range c.emails {
		for slot, mods := range e.modules {
			for id, p := range mods {
				desc := fmt.Sprintf("html:\n%s\ntext:\n%s\nconst: %v / %v\nend: %v / %v", p.html.Tree.Root, p.text.Tree.Root,
					p.htmlConst, p.textConst, p.htmlOrigin.pos[len(p.htmlOrigin.pos)-1], p.textOrigin.pos[len(p.textOrigin.pos)-1])
				out[e.src.Name+" "+slot+" "+id] = desc
			}
		}
	}
	return out
}

// compareInSlot loads ws both ways and requires the same parts, and
// returns how many modules compiled without the whole document.
func compareInSlot(t *testing.T, ws fs.FS) int {
	t.Helper()
	fast, errFast := Load(ws)
	whole, errWhole := Load(ws, InWholeDocument())
	if (errFast == nil) != (errWhole == nil) || errFast != nil && errFast.Error() != errWhole.Error() {
		t.Fatalf("loading: %v\nin the whole document: %v", errFast, errWhole)
	}
	if errFast != nil {
		return 0
	}
	a, b := partsOf(fast), partsOf(whole)
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if a[k] != b[k] {
			t.Errorf("%s compiles differently without the whole document:\n%s\nin the whole document:\n%s", k, a[k], b[k])
		}
	}
	if len(a) != len(b) {
		t.Errorf("%d parts, %d in the whole document", len(a), len(b))
	}
	return fast.modulesInSlot
}

// TestTheExampleCompilesInItsSlots: every module of the example compiles
// without the rest of the email, to the part the whole email gives.
func TestTheExampleCompilesInItsSlots(t *testing.T) {
	c, err := Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	if got := compareInSlot(t, shop.FS()); got != len(partsOf(c)) {
		t.Errorf("%d of %d modules compiled without the whole email", got, len(partsOf(c)))
	}
}

// slotCase is a workspace built around one slot: the layout's body and
// the email's content around {{ .Slots.x }}, the CSS, and the modules.
type slotCase struct {
	name    string
	body    string // the layout's body; {{ template "content" . }} is the email's
	email   string // with {{ .Slots.x }}
	css     string
	modules []string
	inSlot  int // how many modules compile without the whole email
}

func (sc slotCase) workspace() fstest.MapFS {
	ws := fstest.MapFS{
		"tailor.yaml":                 {Data: []byte("name: t\nfrom: \"T <t@example.com>\"\nnow: \"2026-01-01T00:00:00Z\"\n")},
		"segments.yaml":               {Data: []byte("segments:\n  - name: vip\n    when: spent >= 100\n")},
		"templates/layouts/base.html": {Data: []byte("<!DOCTYPE html>\n<html><head><title>{{ .Subject }}</title></head>\n<body>\n" + sc.body + "\n</body></html>\n")},
		"templates/hello.html":        {Data: []byte("---\nsubject: Hi\n---\n" + sc.email + "\n")},
		"styles/main.css":             {Data: []byte(sc.css)},
	}
	for i, m := range sc.modules {
		front := "---\nsegments: [vip]\npriority: " + fmt.Sprint(i) + "\n---\n"
		if i == 0 {
			front = "---\n---\n"
		}
		ws[fmt.Sprintf("modules/x/m%d.html", i)] = &fstest.MapFile{Data: []byte(front + m)}
	}
	return ws
}

const (
	table   = `<table role="presentation" class="wrap"><tr><td class="cell">{{ template "content" . }}</td></tr></table>`
	cssBase = ".wrap { width: 600px; } .cell { padding: 20px; } .cell p { color: #333; } h1 { font-size: 20px; } .cell a { color: #b00; } td td { padding: 4px; }"
)

var modulesOfAllKinds = []string{
	"<h1>Hi {{ .Profile.name }}</h1>\n<p>Text with <a href=\"{{ link \"https://x.example/a\" }}\">a link</a>.</p>",
	"{{ range .Profile.items }}\n<p>{{ .name }}</p>\n{{ end }}",
	"<table role=\"presentation\"><tbody><tr><td>cell {{ .Profile.name }}</td><td>two</td></tr></tbody></table>",
	"<ul>\n<li>one</li>\n<li>{{ .Profile.name }}</li>\n</ul>\n{{ if .Segments.vip }}\n<p>vip</p>\n{{ end }}",
	"plain text {{ .Profile.name }} and more",
	"{{ if .Segments.vip }}{{ end }}",
	"<div style=\"padding: 30px\">{{ .Profile.name }}</div>\n<!-- a comment --><p>after</p>",
}

// all is every module of modulesOfAllKinds.
const all = 7

// TestSlotsCompileAsInTheWholeDocument: in each slot context, with each
// kind of module, a module compiles to the part the whole email gives,
// and without the whole email where the context allows.
func TestSlotsCompileAsInTheWholeDocument(t *testing.T) {
	cases := []slotCase{
		{name: "a layout table", body: table, email: "<h2>News</h2>\n{{ .Slots.x }}", css: cssBase, inSlot: all},
		{name: "blocks around", body: table, email: "<p>Before</p>\n{{ .Slots.x }}\n<p>After</p>", css: cssBase, inSlot: all},
		{name: "a div", body: `<div class="cell">{{ template "content" . }}</div>`, email: "{{ .Slots.x }}", css: cssBase, inSlot: all},
		{name: "a control action before", body: table, email: "{{ if .Segments.vip }}\n<p>vip</p>\n{{ end }}\n{{ .Slots.x }}", css: cssBase, inSlot: all},
		// in a list item, masks alone wait for the item's bullet
		{name: "a list item", body: table, email: "<ul><li>{{ .Slots.x }}</li></ul>", css: cssBase, inSlot: all - 1},
		{name: "a padded cell", body: table, email: "<table role=\"none\"><tr><td style=\"padding: 40px 0\">{{ .Slots.x }}</td></tr></table>", css: cssBase, inSlot: all},
		{name: "custom properties", body: table, email: "{{ .Slots.x }}", css: ":root { --c: #123456; } .cell p { color: var(--c); }", inSlot: all},
		{name: "text preview and skip", body: "<!-- start text/html --><p>html only</p><!-- end text/html -->" + table, email: "{{ .Slots.x }}", css: cssBase, inSlot: all},
		// contexts that need the whole email
		{name: "a sibling selector", body: table, email: "<h2>News</h2>\n{{ .Slots.x }}", css: cssBase + " h2 + p { color: red; }"},
		{name: "a structural pseudo-class", body: table, email: "{{ .Slots.x }}", css: cssBase + " p:first-child { margin: 0; }"},
		{name: "running text", body: table, email: "<p>Hello {{ .Slots.x }} there</p>", css: cssBase},
		{name: "a heading", body: table, email: "<h2>{{ .Slots.x }}</h2>", css: cssBase},
		{name: "a link", body: table, email: "<a href=\"https://x.example\">{{ .Slots.x }}</a>", css: cssBase},
		{name: "a data table", body: table, email: "<table><tr><th>a</th><th>b</th></tr><tr><td>{{ .Slots.x }}</td><td>y</td></tr></table>", css: cssBase},
		{name: "misnested tags before", body: "<p><b>bold</p>" + table, email: "{{ .Slots.x }}", css: cssBase},
		{name: "a tbody written after", body: table + "<table><tbody><tr><td>x</td></tr></tbody></table>", email: "{{ .Slots.x }}", css: cssBase},
		{name: "a style in the body", body: "<style>.cell p { color: blue; }</style>" + table, email: "{{ .Slots.x }}", css: cssBase},
		{name: "a form", body: "<form action=\"https://x.example\"></form>" + table, email: "{{ .Slots.x }}", css: cssBase},
		{name: "hidden", body: table, email: "<div style=\"display: none\">{{ .Slots.x }}</div>", css: cssBase},
	}
	for _, sc := range cases {
		t.Run(sc.name, func(t *testing.T) {
			sc.modules = modulesOfAllKinds
			if got := compareInSlot(t, sc.workspace()); got != sc.inSlot {
				t.Errorf("%d of %d modules compiled without the whole email, want %d", got, len(modulesOfAllKinds), sc.inSlot)
			}
		})
	}
}

// TestModulesThatNeedTheWholeDocument: a module with a <style> (its CSS
// applies to the whole email), or a link whose attributes the layout
// writes in another order before the slot, compiles in the whole email;
// the others of its slot do not need to.
func TestModulesThatNeedTheWholeDocument(t *testing.T) {
	sc := slotCase{
		body: table, css: cssBase,
		email: `<p><a class="k" href="https://x.example/k">k</a></p>` + "\n{{ .Slots.x }}",
		modules: []string{
			"<p>plain</p>",
			"<style>.cell p { color: green; }</style><p>styled</p>",
			`<p><a href="https://x.example/k" class="k">same attributes</a></p>`,
		},
	}
	if got := compareInSlot(t, sc.workspace()); got != 1 {
		t.Errorf("%d modules compiled without the whole email, want 1", got)
	}
	if strings.Contains(partsOf(mustLoad(t, sc.workspace()))["hello x x/m2"], `href="https://x.example/k" class="k"`) {
		t.Errorf("the link kept its own attribute order, not the one the layout wrote first")
	}
}

// TestManySlotsCompileTogether: modules of several slots, in several
// contexts, are inlined in batches that mix slots, and each compiles to
// the part the whole email gives; those whose context needs the whole
// email (running text, a heading) compile in it.
func TestManySlotsCompileTogether(t *testing.T) {
	contexts := []string{
		"<h2>A</h2>\n{{ .Slots.%s }}",
		"<div class=\"cell\">{{ .Slots.%s }}</div>",
		"<ul><li>{{ .Slots.%s }}</li></ul>",
		"<p>Running {{ .Slots.%s }} text</p>",
		"<h3>{{ .Slots.%s }}</h3>",
		"<table role=\"presentation\"><tr><td style=\"padding: 30px\">{{ .Slots.%s }}</td></tr></table>",
	}
	var email strings.Builder
	ws := slotCase{body: table, css: cssBase}.workspace()
	for i, ctx := range contexts {
		for j := range 3 {
			slot := fmt.Sprintf("s%d%d", i, j)
			fmt.Fprintf(&email, ctx+"\n", slot)
			for k, m := range modulesOfAllKinds {
				front := "---\nslot: " + slot + "\nsegments: [vip]\npriority: " + fmt.Sprint(k) + "\n---\n"
				if k == 0 {
					front = "---\nslot: " + slot + "\n---\n"
				}
				ws[fmt.Sprintf("modules/%s/m%d.html", slot, k)] = &fstest.MapFile{Data: []byte(front + m)}
			}
		}
	}
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n" + email.String())}
	got := compareInSlot(t, ws)
	// running text and headings need the whole email; in a list item, a
	// module of masks alone waits for the bullet
	if want := 3 * (4*all - 1); got != want {
		t.Errorf("%d modules compiled without the whole email, want %d", got, want)
	}
}

// TestTheFirstFailingModuleIsReported: modules compile across cores, and
// the error of a load is still the first failing module's in slot and
// selection order, every time.
func TestTheFirstFailingModuleIsReported(t *testing.T) {
	sc := slotCase{body: table, css: cssBase, email: "{{ .Slots.x }}", modules: []string{"<p>fine</p>"}}
	ws := sc.workspace()
	for i := 1; i <= 40; i++ {
		ws[fmt.Sprintf("modules/x/m%02d.html", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\nsegments: [vip]\npriority: %d\n---\n<script>var x = {{ .Profile.x }};</script>\n", 100-i))}
	}
	for range 10 {
		_, err := Load(ws)
		if err == nil || !strings.Contains(err.Error(), "modules/x/m01.html") {
			t.Fatalf("Load: %v; want the error of modules/x/m01.html, the first in selection order", err)
		}
	}
}
