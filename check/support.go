package check

import (
	"fmt"
	"strings"

	"github.com/tailor-email/tailor/check/caniemail"
)

// supportFindings turns each used feature into at most one finding: a
// warning when some target client does not support it, info when some
// support it only partly (with caniemail's notes quoted), nothing when
// all support it or caniemail has no result for them.
func supportFindings(d *document, data *caniemail.Data, used []usage, clients []string) []Finding {
	var out []Finding
	for _, u := range used {
		if f, ok := supportFinding(d, data, u, clients); ok {
			out = append(out, f)
		}
	}
	return out
}

func supportFinding(d *document, data *caniemail.Data, u usage, clients []string) (Finding, bool) {
	var no, partial []string
	var notes []string
	noteClients := map[string][]string{}
	for _, c := range clients {
		code, ns := u.feature.Status(c)
		if code == "n" && noImpact(ns) {
			continue
		}
		switch code {
		case "n":
			no = append(no, c)
		case "a":
			partial = append(partial, c)
		default:
			continue
		}
		for _, n := range ns {
			if _, ok := noteClients[n]; !ok {
				notes = append(notes, n)
			}
			noteClients[n] = append(noteClients[n], data.ClientName(c))
		}
	}
	if len(no) == 0 && len(partial) == 0 {
		return Finding{}, false
	}
	sev, support := Info, "a"
	if len(no) > 0 {
		sev, support = Warning, "n"
	}
	var parts []string
	if len(no) > 0 {
		parts = append(parts, "not supported in "+names(data, no))
	}
	if len(partial) > 0 {
		parts = append(parts, "partially supported in "+names(data, partial))
	}
	msg := fmt.Sprintf("%s (caniemail %s, used as %s): %s", u.feature.Title, u.feature.Slug, u.what, strings.Join(parts, "; "))
	f := d.finding("caniemail/"+u.feature.Slug, sev, u.off, msg)
	f.Clients = append(no, partial...)
	f.Support = support
	var quoted []string
	for _, n := range notes {
		quoted = append(quoted, fmt.Sprintf("%s: %q", strings.Join(noteClients[n], ", "), n))
	}
	f.Note = strings.Join(quoted, "\n")
	return f, true
}

func names(data *caniemail.Data, ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = data.ClientName(id)
	}
	return strings.Join(out, ", ")
}

// noImpact reports whether caniemail's notes say a missing feature makes
// no difference in that client ("The HTML5 doctype has no impact here"):
// such a client is left out of the finding.
func noImpact(notes []string) bool {
	for _, n := range notes {
		if strings.Contains(strings.ToLower(n), "no impact") {
			return true
		}
	}
	return false
}
