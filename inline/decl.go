package inline

import (
	"regexp"
	"strings"
)

// declaration is one "property: value" of a rule or a style attribute.
// A segment of a style attribute that is not a declaration (a template
// action, say) is kept verbatim in value with an empty prop.
type declaration struct {
	prop      string // lower-cased, except custom properties (--name)
	value     string // trimmed, without !important
	important bool
}

// text is the declaration as written into a style attribute.
func (d declaration) text(keepImportant bool) string {
	if d.prop == "" {
		return d.value + ";"
	}
	if d.important && keepImportant {
		return d.prop + ": " + d.value + " !important;"
	}
	return d.prop + ": " + d.value + ";"
}

var importantSuffix = regexp.MustCompile(`(?i)\s*!\s*important\s*$`)

// parseBlock splits the block of a rule, which starts at p, into its
// declarations and its nested rules (CSS nesting). A segment without a
// colon is an error.
func parseBlock(block string, p pos) ([]declaration, []item, error) {
	var decls []declaration
	var nested []item
	cur := cursor{at: p}
	for i := 0; i < len(block); {
		j, stop, err := scanUntil(block, i, ";{", p)
		if err != nil {
			return nil, nil, err
		}
		if stop == '{' {
			end, err := matchBrace(block, j, p)
			if err != nil {
				return nil, nil, err
			}
			start := i + len(block[i:j]) - len(strings.TrimLeft(block[i:j], " \t\r\n\f"))
			nested = append(nested, item{
				raw:     block[start : end+1],
				prelude: strings.TrimSpace(stripComments(block[i:j])),
				block:   block[j+1 : end],
				at:      strings.HasPrefix(strings.TrimSpace(block[i:j]), "@"),
				start:   cur.to(block, start),
			})
			i = end + 1
			continue
		}
		d, ok := parseDeclaration(block[i:j])
		if ok && d.prop == "" {
			return nil, nil, p.errorf(block, i+len(block[i:j])-len(strings.TrimLeft(block[i:j], " \t\r\n\f")),
				"declaration %q has no property name and colon", d.value)
		}
		if ok {
			decls = append(decls, d)
		}
		i = j + 1
	}
	return decls, nested, nil
}

// parseStyleAttr splits a style attribute into declarations. It never
// fails: a segment that is not a declaration is kept verbatim.
func parseStyleAttr(style string) []declaration {
	var decls []declaration
	for _, seg := range splitTopLevel(style, ';') {
		if d, ok := parseDeclaration(seg); ok {
			decls = append(decls, d)
		}
	}
	return decls
}

// parseDeclaration parses one "property: value [!important]". ok is false
// for an empty segment or an empty value, which browsers drop; a segment
// with no property name comes back verbatim with an empty prop.
func parseDeclaration(seg string) (declaration, bool) {
	seg = strings.TrimSpace(stripComments(seg))
	if seg == "" {
		return declaration{}, false
	}
	k, stop, err := scanUntil(seg, 0, ":", pos{})
	name := strings.TrimSpace(seg[:k])
	if err != nil || stop != ':' || name == "" || strings.ContainsAny(name, " \t\r\n\f{}()") {
		return declaration{value: seg}, true
	}
	d := declaration{prop: name, value: strings.TrimSpace(seg[k+1:])}
	if !strings.HasPrefix(name, "--") {
		d.prop = strings.ToLower(name)
	}
	if loc := importantSuffix.FindStringIndex(d.value); loc != nil {
		d.value, d.important = d.value[:loc[0]], true
	}
	return d, d.value != ""
}

// stripComments removes /* comments */ outside strings. An unclosed
// comment runs to the end.
func stripComments(s string) string {
	if !strings.Contains(s, "/*") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\'':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			b.WriteString(s[i : i+end+2])
			i += end + 1
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return b.String()
			}
			i += end + 3
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
