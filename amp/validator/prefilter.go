package validator

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// prefiltered is a regular expression with the literals that any match
// must contain (one of them): when a value holds none of them, the regex
// cannot match and is not run. Most disallowed-value patterns look for
// "{{" or "__amp_", which few values contain.
type prefiltered struct {
	re   *regexp.Regexp
	lits []string // nil: no prefilter, always run re
}

func newPrefiltered(expr string) *prefiltered {
	p := &prefiltered{re: regexp.MustCompile(expr)}
	if t, err := syntax.Parse(expr, syntax.Perl); err == nil {
		p.lits = requiredLiterals(t.Simplify())
	}
	return p
}

// MatchString reports whether the regex matches somewhere in s.
func (p *prefiltered) MatchString(s string) bool {
	if p.lits != nil && !containsAny(s, p.lits) {
		return false
	}
	return p.re.MatchString(s)
}

func containsAny(s string, lits []string) bool {
	for _, l := range lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// requiredLiterals returns literals one of which every match contains, or
// nil when it cannot tell.
func requiredLiterals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if l := requiredLiterals(sub); l != nil && (best == nil || shortest(l) > shortest(best)) {
				best = l
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			l := requiredLiterals(sub)
			if l == nil {
				return nil
			}
			all = append(all, l...)
		}
		return all
	}
	return nil
}

func shortest(lits []string) int {
	n := -1
	for _, l := range lits {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}
