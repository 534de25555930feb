package inline

import (
	"strconv"
	"strings"
)

// go-premailer re-serializes every value it inlines (url('x') becomes
// url("x"), spacing changes), keeps only the last of a property's
// fallback declarations, and drops a style segment that is not a
// declaration (a template action). So it never sees a real declaration:
// each is replaced by a token declaration "pK: vN" that it can only move
// around, and the tokens are swapped back afterwards.
//
// pK names a property (the same property always gets the same K, so that
// go-premailer still lets a later declaration of it win); a segment that
// is not a declaration gets a K of its own, so that it is never merged.
// vN stands for every declaration of one property in one block, in
// source order: a fallback chain such as "background: #000; background:
// linear-gradient(...)" moves and wins as one.

// tokens holds what the token declarations stand for.
type tokens struct {
	props  []string // property of each K; "" for a verbatim segment
	propIx map[string]int
	values []chain // what each vN stands for
	blocks int     // blocks tokenized so far
}

// chain is the declarations of one property in one block, their places
// in the block, and where the block comes from. The places put back the
// source order of a block whose fallbacks interleave ("padding: 5px;
// padding-top: 2px; padding: 1em" is not "padding: 5px; padding: 1em;
// padding-top: 2px").
type chain struct {
	decls  []declaration
	at     []int
	block  int
	inline bool // from a style attribute, not a stylesheet
}

// block returns the token declarations for decls, each property at the
// place of its last declaration, as "pK: vN; pL: vM;". It is "" for no
// declarations.
func (t *tokens) block(decls []declaration, inline bool) string {
	last := make(map[string]int, len(decls))
	for i, d := range decls {
		if d.prop != "" {
			last[d.prop] = i
		}
	}
	t.blocks++
	var b strings.Builder
	for i, d := range decls {
		if d.prop != "" && last[d.prop] != i {
			continue
		}
		c := chain{decls: []declaration{d}, at: []int{i}, block: t.blocks, inline: inline}
		if d.prop != "" {
			c.decls, c.at = c.decls[:0], c.at[:0]
			for j, e := range decls[:i+1] {
				if e.prop == d.prop {
					c.decls, c.at = append(c.decls, e), append(c.at, j)
				}
			}
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("p" + strconv.Itoa(t.prop(d.prop)) + ": v" + strconv.Itoa(len(t.values)) + ";")
		t.values = append(t.values, c)
	}
	return b.String()
}

// prop returns the K of a property; each segment ("") gets a new one.
func (t *tokens) prop(name string) int {
	if k, ok := t.propIx[name]; ok && name != "" {
		return k
	}
	if t.propIx == nil {
		t.propIx = make(map[string]int)
	}
	t.props = append(t.props, name)
	t.propIx[name] = len(t.props) - 1
	return len(t.props) - 1
}

// tokenDecl is one token declaration read back from a style attribute.
type tokenDecl struct {
	prop  int // K
	value int // N
}

// parse reads the token declarations of a style attribute, in either
// form ("pK: vN;" as written by block, "pK:vN" joined by ";" as written by
// go-premailer). ok is false when the attribute holds anything else.
func (t *tokens) parse(style string) ([]tokenDecl, bool) {
	var out []tokenDecl
	for _, seg := range strings.Split(style, ";") {
		seg = strings.TrimSpace(seg)
		if seg == "" {
			continue
		}
		p, v, _ := strings.Cut(seg, ":")
		k, okK := tokenIndex(p, "p", len(t.props))
		n, okN := tokenIndex(v, "v", len(t.values))
		if !okK || !okN {
			return nil, false
		}
		out = append(out, tokenDecl{prop: k, value: n})
	}
	return out, true
}

// tokenIndex reads a token such as "p12" with the given letter, below
// limit.
func tokenIndex(s, letter string, limit int) (int, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, letter) {
		return 0, false
	}
	i, err := strconv.Atoi(s[len(letter):])
	return i, err == nil && i >= 0 && i < limit
}
