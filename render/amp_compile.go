package render

import (
	"fmt"
	"html"
	htmltemplate "html/template"
	"regexp"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/tailor-email/tailor/amp/convert"
	"github.com/tailor-email/tailor/inline"
	"github.com/tailor-email/tailor/internal/tmpltree"
	"github.com/tailor-email/tailor/templates"
)

// AMP templates are parsed with their own delimiters, so the authors'
// amp-mustache tags ({{name}}) are plain text in them.
const (
	ampLeft  = "⟦"
	ampRight = "⟧"
)

// build restores the actions of pieces into the converted markup and
// parses the result. Actions that write an amp-mustache tag become that
// tag, as text; every other output action gets a last command that
// neutralizes { and } in recipient data.
func (a *ampPart) build(comp *compiler, name string, res convert.Result, pieces []templates.Piece) (*ampTemplate, error) {
	if err := checkBind(res.HTML, pieces); err != nil {
		return nil, err
	}
	if err := checkMustacheData(res.HTML, pieces); err != nil {
		return nil, err
	}
	ip := make([]inline.Piece, len(pieces))
	for i, p := range pieces {
		text, err := a.ampText(p)
		if err != nil {
			return nil, err
		}
		ip[i] = inline.Piece{Text: text, Action: p.Action}
	}
	rh, err := inline.Unmask(res.HTML, ip, false)
	if err != nil {
		return nil, unmaskError(err, pieces)
	}
	o := newOrigin(rh, pieces)
	t, err := htmltemplate.New(name).Delims(ampLeft, ampRight).Option("missingkey=zero").
		Funcs(comp.funcs).Funcs(htmltemplate.FuncMap{"tailorAMPData": ampData}).Parse(rh.Src)
	if err != nil {
		return nil, o.wrap(err)
	}
	if t.Tree != nil {
		tmpltree.PipeOutputs(t.Tree, "tailorAMPData")
	}
	if err := escapeNow(t); err != nil {
		return nil, o.wrap(err)
	}
	return &ampTemplate{t: t, origin: o, ext: res.Extensions}, nil
}

var bindValue = regexp.MustCompile(`\s(\[[a-zA-Z0-9_.-]+\])\s*=\s*("[^"]*"|'[^']*')`)

// checkBind refuses template actions inside amp-bind attributes ([text]="…"):
// recipient data there would become an amp-bind expression.
func checkBind(masked string, pieces []templates.Piece) error {
	for _, m := range bindValue.FindAllStringSubmatch(masked, -1) {
		if w := maskWord.FindStringSubmatch(m[2]); w != nil {
			n, _ := strconv.Atoi(w[1])
			if n < len(pieces) {
				return posError(pieces[n].Pos, "template action inside the amp-bind attribute %s: recipient data would become an amp-bind expression; use amp-state from a URL instead", m[1])
			}
		}
	}
	return nil
}

var maskWord = regexp.MustCompile(`tlr(\d+)x`)

// anyMask matches every form of an action's mask (see inline.Mask).
var anyMask = regexp.MustCompile(`<!--tlr:(\d+)-->|tlr-(\d+)=|tlr(\d+)x`)

// mustacheTemplate matches an amp-mustache template's content.
var mustacheTemplate = regexp.MustCompile(`(?is)<template\b[^>]*\bamp-mustache\b[^>]*>(.*?)</template>|<script\b[^>]*\btemplate\s*=\s*["']?amp-mustache\b[^>]*>(.*?)</script>`)

// checkMustacheData refuses template actions that print recipient data
// inside an amp-mustache template. html/template escapes the data as
// HTML, but the client decodes that before amp-mustache reads the
// template, so a first name of {{name}} would become a live tag. Actions
// of constants only, such as {{ link "https://…" "x" }}, and the
// mustache helper are fine.
func checkMustacheData(masked string, pieces []templates.Piece) error {
	for _, m := range mustacheTemplate.FindAllStringSubmatch(masked, -1) {
		for _, w := range anyMask.FindAllStringSubmatch(m[1]+m[2], -1) {
			n, _ := strconv.Atoi(w[1] + w[2] + w[3])
			if n >= len(pieces) || !templates.Prints(pieces[n]) {
				continue
			}
			if _, isTag, _ := mustacheTag(pieces[n].Text); isTag || !readsData(pieces[n].Text) {
				continue
			}
			return posError(pieces[n].Pos, "template action printing data inside an amp-mustache template: amp-mustache would read recipient data as its own syntax; fill the template from its amp-list source, or use amp-state")
		}
	}
	return nil
}

// readsData reports whether an action reads anything but literals: dot,
// a field or a variable.
func readsData(action string) bool {
	t := parse.New("action")
	t.Mode = parse.SkipFuncCheck
	if _, err := t.Parse(action, "{{", "}}", map[string]*parse.Tree{}); err != nil || t.Root == nil {
		return true
	}
	found := false
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				for _, a := range c.Args {
					walk(a)
				}
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.DotNode, *parse.FieldNode, *parse.VariableNode:
			found = true
		}
	}
	walk(t.Root)
	return found
}

// ampText is the text a piece stands for in an AMP template source.
func (a *ampPart) ampText(p templates.Piece) (string, error) {
	if strings.Contains(p.Text, ampLeft) || strings.Contains(p.Text, ampRight) {
		return "", posError(p.Pos, "%s and %s are reserved in AMP emails", ampLeft, ampRight)
	}
	if !p.Action {
		return p.Text, nil
	}
	tag, ok, err := mustacheTag(p.Text)
	if err != nil {
		return "", posError(p.Pos, "%v", err)
	}
	if ok {
		a.mustache[tag] = true
		return tag, nil
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(p.Text, "{{"), "}}")
	return ampLeft + inner + ampRight, nil
}

var (
	mustacheCall = regexp.MustCompile(`^mustache\s+("(?:[^"\\]|\\.)*"|` + "`[^`]*`" + `)$`)
	mustacheName = regexp.MustCompile(`^[#^/]?[A-Za-z0-9_.\-]+$`)
)

// mustacheTag reports whether an action writes an amp-mustache tag, in one
// of two forms: {{ "{{name}}" }} (a string literal that is one mustache
// tag) or {{ mustache "name" }}. It returns the tag, "{{name}}".
func mustacheTag(action string) (string, bool, error) {
	inner := strings.TrimSuffix(strings.TrimPrefix(action, "{{"), "}}")
	inner = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(inner, "- "), " -"))
	var name string
	switch {
	case mustacheCall.MatchString(inner):
		s, err := strconv.Unquote(mustacheCall.FindStringSubmatch(inner)[1])
		if err != nil {
			return "", false, err
		}
		name = strings.TrimSpace(s)
	case len(inner) > 1 && (inner[0] == '"' || inner[0] == '`'):
		s, err := strconv.Unquote(inner)
		if err != nil || !strings.Contains(s, "{{") && !strings.Contains(s, "}}") {
			return "", false, nil
		}
		if !strings.HasPrefix(s, "{{") || !strings.HasSuffix(s, "}}") {
			return "", false, fmt.Errorf("%s: a string with {{ or }} must be exactly one amp-mustache tag, like {{ \"{{name}}\" }}", action)
		}
		name = strings.TrimSpace(s[2 : len(s)-2])
	default:
		return "", false, nil
	}
	if name != "." && !mustacheName.MatchString(name) {
		return "", false, fmt.Errorf("%s: %q is not an amp-mustache tag tailor writes (want name, #section, ^inverted, /end or .)", action, name)
	}
	return "{{" + name + "}}", true, nil
}

var braces = strings.NewReplacer("{", "&#123;", "}", "&#125;")

// ampData passes a value to html/template's escaping unchanged, unless
// its text has a { or }: then it returns the text HTML-escaped with the
// braces as character references, so amp-mustache never sees a tag in
// it. Rendered modules (template.HTML) pass as they are: their own data
// went through here.
func ampData(v any) any {
	var s string
	switch x := v.(type) {
	case nil, htmltemplate.HTML, bool, int, int64, float64:
		return v // no braces: numbers and booleans print none
	case string:
		s = x
	default:
		s = fmt.Sprint(x)
	}
	if strings.IndexByte(s, '{') < 0 && strings.IndexByte(s, '}') < 0 {
		return v
	}
	return htmltemplate.HTML(braces.Replace(html.EscapeString(s)))
}
