package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/tailor-email/tailor/modules"
	"github.com/tailor-email/tailor/segment/audience"
)

// matrix prints the decision matrix of every email: for each segment, the
// modules each slot may show, in the order they are tried.
func (run *segmentsRun) matrix() error {
	c := run.campaign
	if c == nil {
		return fmt.Errorf("--matrix needs a workspace with templates and modules")
	}
	w := run.env.stdout
	for _, email := range c.Emails() {
		m, err := c.Matrix(email)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "email %s\n", email)
		for _, row := range m.Rows {
			seg := row.Segment
			if seg == "" {
				seg = "(no segment)"
			}
			fmt.Fprintf(w, "  %s\n", seg)
			for i, slot := range m.Slots {
				fmt.Fprintf(w, "    %-10s %s\n", slot, chain(row.Cells[i]))
			}
		}
	}
	fmt.Fprintln(w, "\n(a > b: a when its other conditions hold, else b; * marks a when: condition)")
	return nil
}

func chain(mods []*modules.Module) string {
	if len(mods) == 0 {
		return "(no module: the slot has no fallback)"
	}
	var parts []string
	for _, m := range mods {
		id := m.ID
		var conds []string
		if m.When != nil {
			conds = append(conds, "*")
		}
		if m.Experiment != "" {
			conds = append(conds, m.Experiment+"="+m.Variant)
		}
		if m.Locale != "" {
			conds = append(conds, "locale "+m.Locale)
		}
		if len(conds) > 0 {
			id += " [" + strings.Join(conds, ", ") + "]"
		}
		parts = append(parts, id)
	}
	return strings.Join(parts, " > ")
}

// explainModules prints, for every email and slot, each candidate module
// and why the winner won.
func (run *segmentsRun) explainModules(p map[string]any) error {
	c := run.campaign
	if c == nil {
		return nil
	}
	w := run.env.stdout
	for _, email := range c.Emails() {
		cands, err := c.Explain(email, p, run.now)
		if err != nil {
			return err
		}
		plan, err := c.Plan(email, p, run.now)
		if err != nil {
			return err
		}
		choices, err := c.Choices(email, p, run.now)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\nemail %s:\n", email)
		for _, slot := range c.Slots(email) {
			win := plan[slot]
			fmt.Fprintf(w, "  slot %s -> %s\n", slot, moduleID(win))
			if ch := choices[slot]; ch != nil {
				fmt.Fprintf(w, "    chosen by %s\n", ch)
			}
			for _, cand := range cands[slot] {
				mark := "  "
				if cand.Module == win {
					mark = "=>"
				}
				fmt.Fprintf(w, "    %s %-28s priority %-3d %s\n", mark, cand.Module.ID, cand.Module.Priority, cand.Reason)
			}
		}
	}
	if d, ok := c.SendTime(p, nil, run.now); ok {
		fmt.Fprintf(w, "\nsend time: %s\n", d)
	}
	return nil
}

func moduleID(m *modules.Module) string {
	if m == nil {
		return "(none: no module matches and the slot has no fallback)"
	}
	return m.ID
}

// slotSections adds, when the workspace has templates, how many recipients
// each slot serves with its fallback module.
func (run *segmentsRun) slotSections() []audience.Section {
	if run.campaign == nil {
		return nil
	}
	return []audience.Section{&fallbackSection{run: run, counts: map[string]int{}}}
}

type fallbackSection struct {
	run    *segmentsRun
	counts map[string]int // "email/slot" -> recipients served by the fallback
	none   map[string]int // "email/slot" -> recipients with no module
	total  int
}

func (s *fallbackSection) Add(r audience.Recipient) {
	s.total++
	c := s.run.campaign
	for _, email := range c.Emails() {
		plan, err := c.Plan(email, r.Profile, s.run.now)
		if err != nil {
			continue
		}
		for _, slot := range c.Slots(email) {
			switch m := plan[slot]; {
			case m == nil:
				if s.none == nil {
					s.none = map[string]int{}
				}
				s.none[email+"/"+slot]++
			case m.Fallback():
				s.counts[email+"/"+slot]++
			}
		}
	}
}

func (s *fallbackSection) Write(w io.Writer) error {
	c := s.run.campaign
	fmt.Fprintln(w, "slots served by their fallback:")
	for _, email := range c.Emails() {
		for _, slot := range c.Slots(email) {
			k := email + "/" + slot
			fb := c.Library.Fallback(slot)
			line := fmt.Sprintf("  %-24s %d of %d (%.0f%%)", k, s.counts[k], s.total, pct(s.counts[k], s.total))
			if fb != nil {
				line += " with " + fb.ID
			}
			if n := s.none[k]; n > 0 {
				line += fmt.Sprintf("; %d get no module", n)
			}
			fmt.Fprintln(w, line)
		}
	}
	return nil
}

func pct(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return 100 * float64(n) / float64(total)
}
