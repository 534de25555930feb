package check

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tailor-email/tailor/modules"
	"github.com/tailor-email/tailor/segment"
)

// slotFindings reports every slot, used by an email or holding modules,
// that has no fallback module: a recipient who matches none of its
// modules gets nothing there.
func slotFindings(lib *modules.Library, used map[string]bool) []Finding {
	slots := map[string]bool{}
	for _, s := range lib.Slots() {
		slots[s] = true
	}
	for s := range used {
		slots[s] = true
	}
	var out []Finding
	for _, s := range slices.Sorted(maps.Keys(slots)) {
		if lib.Fallback(s) != nil {
			continue
		}
		out = append(out, Finding{Rule: "slot-fallback", Severity: Error, File: "modules/" + s + "/",
			Message: fmt.Sprintf("slot %q has no fallback module (one with no segments, when, experiment, locale or dates): "+
				"a recipient who matches none of its modules gets an empty slot", s)})
	}
	return out
}

// unreachableFindings reports modules that no recipient can get. A
// non-fallback module M is unreachable when
//   - its date window is over (it ends before the campaign's clock; an
//     empty window is already a load error), or
//   - it is shadowed: a module N of the same slot is tried before it and
//     matches whenever M does. N is tried first when it comes earlier in
//     selection order (higher priority); it matches whenever M does when
//     N is not a fallback and each of N's conditions is absent or implied
//     by M's: N's segments include all of M's (M has segments), N's when
//     is the same expression as M's, N's experiment and variant, locale
//     are the same as M's, and N's window contains M's.
//
// Other modules that no fixture recipient gets are reported as
// module-unexercised infos by the caller.
func unreachableFindings(lib *modules.Library, now time.Time) []Finding {
	var out []Finding
	for _, slot := range lib.Slots() {
		mods := lib.Modules(slot)
		for i, m := range mods {
			if m.Fallback() {
				continue
			}
			why := ""
			switch {
			case !m.Ends.IsZero() && !now.IsZero() && m.Ends.Before(now):
				why = "it ended on " + m.Ends.Format(time.RFC3339) + ", before the campaign's clock " + now.Format(time.RFC3339)
			default:
				for _, n := range mods[:i] {
					if shadows(n, m) {
						why = fmt.Sprintf("%s (priority %d) is tried first and matches every recipient it matches", n.ID, n.Priority)
						break
					}
				}
			}
			if why != "" {
				line, col := lineOf(m)
				out = append(out, Finding{Rule: "module-unreachable", Severity: Warning, File: m.File, Line: line, Col: col,
					Message: fmt.Sprintf("module %s can never be chosen: %s", m.ID, why)})
			}
		}
	}
	return out
}

// lineOf places a module finding at its front matter's first condition.
func lineOf(m *modules.Module) (int, int) {
	for _, key := range []string{"segments", "when", "ends", "starts"} {
		if p := m.Pos(key); p.Line > 1 {
			return p.Line, p.Col
		}
	}
	p := m.Pos("priority")
	return p.Line, p.Col
}

// shadows reports whether n, tried before m, matches every recipient m
// matches (see unreachableFindings).
func shadows(n, m *modules.Module) bool {
	if n.Fallback() || n.Experiment != m.Experiment || n.Variant != m.Variant || n.Locale != m.Locale {
		return false
	}
	if len(n.Segments) > 0 && (len(m.Segments) == 0 || !subset(m.Segments, n.Segments)) {
		return false
	}
	if n.When != nil && (m.When == nil || n.When.String() != m.When.String()) {
		return false
	}
	if !n.Starts.IsZero() && (m.Starts.IsZero() || m.Starts.Before(n.Starts)) {
		return false
	}
	return n.Ends.IsZero() || !m.Ends.IsZero() && !m.Ends.After(n.Ends)
}

func subset(a, b []string) bool {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}

// segmentFindings reports segments that no module and no template reads:
// computing them changes no one's email. A segment read only by other
// segment rules is a building block, and says so.
func segmentFindings(rules *segment.Rules, lib *modules.Library, templateRefs []string) []Finding {
	if rules == nil {
		return nil
	}
	targeted := map[string]bool{}
	for _, s := range templateRefs {
		targeted[s] = true
	}
	for _, m := range lib.All() {
		for _, s := range m.Segments {
			targeted[s] = true
		}
		if m.When != nil {
			for _, s := range m.When.Segments() {
				targeted[s] = true
			}
		}
	}
	usedBy := map[string][]string{}
	for _, r := range rules.SegmentRules() {
		for _, u := range r.Uses() {
			if name, ok := strings.CutPrefix(u, "segments."); ok {
				usedBy[name] = append(usedBy[name], r.Name)
			}
		}
	}
	var out []Finding
	for _, r := range rules.SegmentRules() {
		if targeted[r.Name] {
			continue
		}
		msg := fmt.Sprintf("segment %s is not targeted by any module or template", r.Name)
		if by := usedBy[r.Name]; len(by) > 0 {
			sort.Strings(by)
			msg += " (segments.yaml rules read it: " + strings.Join(by, ", ") + ")"
		}
		out = append(out, Finding{Rule: "segment-untargeted", Severity: Info, File: "segments.yaml",
			Line: r.Pos.Line, Col: r.Pos.Col, Message: msg})
	}
	return out
}
