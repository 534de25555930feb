package executor

import (
	"fmt"
	htmltemplate "html/template"
	"math/rand/v2"
	"strings"
	"testing"
	texttemplate "text/template"
	"text/template/parse"
)

// gen writes random templates from the constructs tailor templates use,
// over the test data's fields.
type gen struct {
	r     *rand.Rand
	depth int
	vars  []string
}

var (
	genFields = []string{".name", ".empty", ".n", ".f", ".yes", ".nil", ".list", ".maps", ".dict", ".flags", ".missing", ".dict.a", ".flags.on", ".strs", ".u", "."}
	genLits   = []string{`"x"`, `"<b>&'"`, `0`, `3`, `-1`, `2.5`, `true`, `false`}
	genFuncs  = []string{"dflt %s %s", "txt %s", "len %s", "not %s", "and %s %s", "or %s %s", "eq %s %s", "ne %s %s", "lt %s %s",
		"index %s 0", "print %s %s", "printf \"%%v-%%v\" %s %s", "upper %s", "trunc 2 %s", "slice %s 1"}
)

func (g *gen) operand() string {
	switch g.r.IntN(6) {
	case 0:
		return genLits[g.r.IntN(len(genLits))]
	case 1:
		if len(g.vars) > 0 {
			return g.vars[g.r.IntN(len(g.vars))]
		}
	case 2:
		if g.depth < 3 {
			g.depth++
			defer func() { g.depth-- }()
			return "(" + g.pipeline() + ")"
		}
	}
	return genFields[g.r.IntN(len(genFields))]
}

func (g *gen) pipeline() string {
	f := genFuncs[g.r.IntN(len(genFuncs))]
	args := []any{g.operand(), g.operand()}
	call := fmt.Sprintf(f, args[:strings.Count(f, "%s")]...)
	switch g.r.IntN(4) {
	case 0:
		return g.operand()
	case 1:
		return g.operand() + " | " + strings.TrimSuffix(fmt.Sprintf(strings.Replace(f, " %s", "", 1), args[1:strings.Count(f, "%s")]...), " ")
	}
	return call
}

func (g *gen) body(n int) string {
	var b strings.Builder
	for range n {
		switch k := g.r.IntN(9); {
		case k < 3 || g.depth > 2:
			b.WriteString("{{" + g.pipeline() + "}}")
		case k == 3:
			b.WriteString("<i>")
		case k == 4:
			v := fmt.Sprintf("$v%d", len(g.vars))
			b.WriteString("{{" + v + " := " + g.pipeline() + "}}")
			g.vars = append(g.vars, v)
		default:
			b.WriteString(g.block(k))
		}
	}
	return b.String()
}

func (g *gen) block(k int) string {
	g.depth++
	defer func() { g.depth-- }()
	mark := len(g.vars)
	defer func() { g.vars = g.vars[:mark] }()
	kw := []string{"if", "with", "range"}[k%3]
	head := g.pipeline()
	if kw == "range" && g.r.IntN(2) == 0 {
		i, v := fmt.Sprintf("$i%d", g.depth), fmt.Sprintf("$e%d", g.depth)
		head = i + ", " + v + " := " + head
		g.vars = append(g.vars, i, v)
	}
	inner := g.body(1 + g.r.IntN(3))
	if kw == "range" && g.r.IntN(4) == 0 {
		inner += "{{if " + g.operand() + "}}{{break}}{{else}}{{continue}}{{end}}"
	}
	els := ""
	if g.r.IntN(2) == 0 {
		els = "{{else}}" + g.body(1)
	}
	return "{{" + kw + " " + head + "}}" + inner + els + "{{end}}"
}

// TestGeneratedTemplatesSameAsGo runs thousands of generated templates on
// the executor and on text/template and html/template, and wants the same
// output or both failing (a field of a missing value aside: see check).
func TestGeneratedTemplatesSameAsGo(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	r := rand.New(rand.NewPCG(7, 11))
	ran := 0
	for i := range n {
		g := &gen{r: r}
		src := "<p title=\"" + g.body(1) + "\">" + g.body(1+r.IntN(4)) + "</p>"
		if i%2 == 0 {
			tt, err := texttemplate.New("t").Option("missingkey=zero").Funcs(funcs).Parse(src)
			if err != nil {
				continue // the generator wrote something the parser refuses
			}
			checkGenerated(t, src, tt.Tree, textLookup(tt), func(b *strings.Builder) error { return tt.Execute(b, data) })
		} else {
			ht, err := htmltemplate.New("t").Option("missingkey=zero").Funcs(funcs).Parse(src)
			if err != nil {
				continue
			}
			var b strings.Builder
			if err := ht.Execute(&b, data); err != nil && strings.Contains(err.Error(), "html/template") {
				continue // an escaping error, refused at load by the engine
			}
			checkGenerated(t, src, ht.Tree, htmlLookup(ht), func(b *strings.Builder) error { return ht.Execute(b, data) })
		}
		ran++
	}
	if ran < n/2 {
		t.Fatalf("only %d of %d generated templates parsed: the generator is broken", ran, n)
	}
}

// checkGenerated is check, but a template the executor refuses for a
// literal of the wrong type passes: text/template fails there too, but only
// when it runs that branch, and generated branches often do not run.
func checkGenerated(t *testing.T, src string, tree *parse.Tree, lookup Lookup, exec func(*strings.Builder) error) {
	t.Helper()
	if _, err := Compile(tree, lookup, cfg); err != nil && strings.Contains(err.Error(), ": expected ") {
		return
	}
	check(t, src, tree, lookup, exec)
}

func textLookup(t *texttemplate.Template) Lookup {
	return func(name string) *parse.Tree {
		if x := t.Lookup(name); x != nil {
			return x.Tree
		}
		return nil
	}
}

func htmlLookup(t *htmltemplate.Template) Lookup {
	return func(name string) *parse.Tree {
		if x := t.Lookup(name); x != nil {
			return x.Tree
		}
		return nil
	}
}
