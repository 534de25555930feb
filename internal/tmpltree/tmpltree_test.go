package tmpltree

import (
	htmltemplate "html/template"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

func parseTree(t *testing.T, src string) *parse.Tree {
	t.Helper()
	tmpl, err := template.New("t").Funcs(template.FuncMap{"f": func(v any) any { return v }}).Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return tmpl.Tree
}

func TestListsVisitsEveryBranchOnce(t *testing.T) {
	tree := parseTree(t, `a{{if .x}}b{{else}}c{{end}}{{range .y}}d{{else}}e{{end}}{{with .z}}f{{with .w}}g{{end}}{{else}}h{{end}}`)
	var texts []string
	Lists(tree, func(l *parse.ListNode) {
		var b strings.Builder
		for _, n := range l.Nodes {
			if tx, ok := n.(*parse.TextNode); ok {
				b.Write(tx.Text)
			}
		}
		texts = append(texts, b.String())
	})
	want := "a b c d e f g h"
	if got := strings.Join(texts, " "); got != want {
		t.Errorf("lists' text, in visiting order: %q, want %q", got, want)
	}
	Lists(nil, func(*parse.ListNode) { t.Error("fn called for a nil tree") })
}

func TestPipeOutputs(t *testing.T) {
	tree := parseTree(t, `{{.a}}{{$v := .b}}{{if .c}}{{.d | printf "%v"}}{{end}}{{range .e}}{{.}}{{end}}`)
	PipeOutputs(tree, "f")
	want := `{{.a | f}}{{$v := .b}}{{if .c}}{{.d | printf "%v" | f}}{{end}}{{range .e}}{{. | f}}{{end}}`
	if got := tree.Root.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	tree = parseTree(t, `{{.a}}{{.b}}`)
	PipeOutputs(tree, "f", func(p *parse.PipeNode) bool { return strings.Contains(p.String(), ".b") })
	if got, want := tree.Root.String(), `{{.a | f}}{{.b}}`; got != want {
		t.Errorf("with skip: got %s, want %s", got, want)
	}
}

func TestPipeNodes(t *testing.T) {
	tree := parseTree(t, `{{f .a (f .b (f .c)) | printf "%v" .d}}`)
	var got []string
	PipeNodes(tree.Root.Nodes[0].(*parse.ActionNode).Pipe, func(n parse.Node) {
		if _, ok := n.(*parse.PipeNode); !ok {
			got = append(got, n.String())
		}
	})
	if want := `f .a f .b f .c printf "%v" .d`; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
	PipeNodes(nil, func(parse.Node) { t.Error("fn called for a nil pipeline") })
}

func TestActionsPlaces(t *testing.T) {
	tree := parseTree(t, `x{{.a}}{{if .b}}y{{.c}}{{end}}`)
	var got []string
	Actions(tree, func(l *parse.ListNode, i int, a *parse.ActionNode) {
		if l.Nodes[i] != a {
			t.Errorf("%s is not at index %d of its list", a, i)
		}
		got = append(got, a.String())
	})
	if strings.Join(got, "") != "{{.a}}{{.c}}" {
		t.Errorf("actions: %q", got)
	}
}

func TestLookup(t *testing.T) {
	text := template.Must(template.New("main").Parse(`{{define "part"}}p{{end}}m`))
	lookup := Lookup(text.Lookup, func(x *template.Template) *parse.Tree { return x.Tree })
	if tr := lookup("part"); tr == nil || tr.Root.String() != "p" {
		t.Errorf("text part: %v", tr)
	}
	if tr := lookup("none"); tr != nil {
		t.Errorf("missing template: got tree %v", tr)
	}
	html := htmltemplate.Must(htmltemplate.New("main").Parse(`{{define "part"}}<b>{{.}}</b>{{end}}m`))
	hl := Lookup(html.Lookup, func(x *htmltemplate.Template) *parse.Tree { return x.Tree })
	if tr := hl("part"); tr == nil || !strings.Contains(tr.Root.String(), "<b>") {
		t.Errorf("html part: %v", tr)
	}
	if tr := hl("none"); tr != nil {
		t.Errorf("missing html template: got tree %v", tr)
	}
}
