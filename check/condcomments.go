package check

import "strings"

// conditionalFindings reports unbalanced Outlook conditional comments:
// an <!--[if ...]> with no <![endif]-->, or an <![endif]--> with no
// opening. A downlevel-hidden block (<!--[if mso]> ... <![endif]-->) is
// one comment that opens and closes; a downlevel-revealed block
// (<!--[if !mso]><!--> ... <!--<![endif]-->) is two.
func conditionalFindings(d *document) []Finding {
	var out []Finding
	unbalanced(d.comments, func(off int, msg string) {
		out = append(out, d.finding("mso-conditional", Error, off, msg))
	})
	return out
}

// unbalanced calls report for every conditional comment of cs (in
// document order) that does not pair up.
func unbalanced(cs []comment, report func(off int, msg string)) {
	var open []comment
	for _, c := range cs {
		data := strings.TrimSpace(c.data)
		opens := strings.HasPrefix(strings.ToLower(data), "[if ")
		closes := strings.HasSuffix(strings.TrimRight(data, "-"), "[endif]")
		if opens {
			open = append(open, c)
		}
		if !closes {
			continue
		}
		if len(open) == 0 {
			report(c.off, "<![endif]--> closes no Outlook conditional comment")
			continue
		}
		open = open[:len(open)-1]
	}
	for _, c := range open {
		cond, _, _ := strings.Cut(strings.TrimSpace(c.data), "]")
		report(c.off, "<!--"+cond+"]> is never closed by <![endif]-->: Outlook would hide or show the rest of the email")
	}
}
