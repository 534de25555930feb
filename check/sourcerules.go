package check

import (
	"regexp"
	"strings"
)

// sourceFindings runs the checks that read the workspace's template and
// module files as written: class attributes computed from data, and
// unbalanced Outlook conditional comments.
func sourceFindings(set *sourceSet) []Finding {
	var out []Finding
	set.each(func(s *sourceFile) {
		out = append(out, classFindings(s)...)
		out = append(out, sourceConditionalFindings(s)...)
	}, "templates/", "modules/")
	return out
}

// classAttr matches a class attribute and its quoted value.
var classAttr = regexp.MustCompile(`(?i)[\s"']class\s*=\s*("[^"]*"|'[^']*')`)

// classFindings reports every class="..." whose value holds a template
// action: the engine inlines CSS once, into the compiled template, so a
// class chosen per recipient gets no inlined style.
func classFindings(s *sourceFile) []Finding {
	var out []Finding
	for _, m := range classAttr.FindAllStringSubmatchIndex(s.mask, -1) {
		val := s.mask[m[2]:m[3]]
		i := strings.IndexByte(val, masked)
		if i < 0 {
			continue
		}
		off := m[2] + i
		action := s.raw[off:]
		if end := strings.Index(action, "}}"); end >= 0 {
			action = action[:end+2]
		}
		out = append(out, s.finding("class-from-data", Warning, off,
			"class attribute computed from data ("+action+"): CSS is inlined once at load time, "+
				"so these classes get no inlined styles; use a static class and a conditional around the element"))
	}
	return out
}

// sourceConditionalFindings checks that the Outlook conditional comments
// of one source file pair up. Comments made of template actions are
// skipped.
func sourceConditionalFindings(s *sourceFile) []Finding {
	var cs []comment
	rest, base := s.mask, 0
	for {
		i := strings.Index(rest, "<!--")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i+4:], "-->")
		end := len(rest)
		data := rest[i+4:]
		if j >= 0 {
			data, end = rest[i+4:i+4+j], i+4+j+3
		}
		cs = append(cs, comment{data: data, off: base + i})
		base += end
		rest = rest[end:]
	}
	var out []Finding
	unbalanced(cs, func(off int, msg string) {
		out = append(out, s.finding("outlook-conditional-unbalanced", Error, off, msg))
	})
	return out
}
