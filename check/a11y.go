package check

import (
	"fmt"
	"strings"
)

// altFindings reports images without an alt attribute (an error: screen
// readers read the file name, and blocked images show nothing). alt=""
// marks a decorative image and is fine.
func altFindings(d *document) []Finding {
	var out []Finding
	d.root.walk(func(n *node) {
		if n.tag != "img" {
			return
		}
		if _, ok := n.attr("alt"); !ok {
			src, _ := n.attr("src")
			out = append(out, d.finding("img-alt", Error, n.off,
				fmt.Sprintf("image %q has no alt attribute (use alt=\"\" for decoration)", abbrev(src))))
		}
	})
	return out
}

// langFindings warns when <html> has no lang attribute: screen readers
// then guess the language.
func langFindings(d *document) []Finding {
	h := d.find(func(n *node) bool { return n.tag == "html" })
	if h == nil {
		return []Finding{d.finding("html-lang", Warning, -1, "no <html> element with a lang attribute")}
	}
	if lang, _ := h.attr("lang"); strings.TrimSpace(lang) == "" {
		return []Finding{d.finding("html-lang", Warning, h.off, "<html> has no lang attribute")}
	}
	return nil
}

// tableFindings warns, once per file, about layout tables without
// role="presentation" (or "none"): screen readers announce them as data
// tables. A table with a role, a <th> or a <caption> counts as a data
// table.
func tableFindings(d *document) []Finding {
	var first *node
	count, total := 0, 0
	d.root.walk(func(n *node) {
		if n.tag != "table" {
			return
		}
		total++
		if _, ok := n.attr("role"); ok || isDataTable(n) {
			return
		}
		if first == nil {
			first = n
		}
		count++
	})
	if first == nil {
		return nil
	}
	return []Finding{d.finding("table-role", Warning, first.off,
		fmt.Sprintf("%d of %d tables have no role=\"presentation\"; screen readers read layout tables as data", count, total))}
}

func isDataTable(t *node) bool {
	data := false
	var visit func(n *node)
	visit = func(n *node) {
		for _, c := range n.children {
			switch c.tag {
			case "th", "caption":
				data = true
			case "table": // a nested table is judged on its own
			default:
				visit(c)
			}
		}
	}
	visit(t)
	return data
}
