package preview

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tailor-email/tailor/modules"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
)

// matrixView is the decision matrix page: the email's slots, one row per
// segment (in priority order, then the recipients in no segment) and one
// row per fixture recipient.
type matrixView struct {
	Email       string
	Slots       []string
	Experiments []string // a variant column each
	Segments    []segmentRow
	People      []personRow
	Total       int // the fixture recipients the rows count
	More        int // recipients left out of the rows
}

// segmentRow is one segment of segments.yaml, or the recipients in none.
type segmentRow struct {
	Name, Description string
	None              bool // the "(in no segment)" row
	Priority          int  // the highest priority of a module naming it
	Targeted          bool // some module of the email names the segment
	Members           []fixture
	Cells             []segmentCell
}

// segmentCell is what one slot shows to a segment: the modules its rules
// lead to, in the order selection tries them, and what its members got.
type segmentCell struct {
	Options []choice
	Got     []gotCount // what the segment's fixture members got, when not only Options' last
}

// choice is one module with why it is (or would be) chosen.
type choice struct {
	Module, Reason, Kind string // Kind: rule, variant or fallback
}

type gotCount struct {
	Module string
	N      int
}

// personRow is one fixture recipient: membership, variants and per slot
// the module chosen and why, decided apart from rendering; RenderErr is
// set when rendering the email itself failed.
type personRow struct {
	ID, Name, Link string
	Segments       []string
	Variants       []string // per Experiments
	Cells          []choice
	RuleErr        string
	RenderErr      string
}

// decide computes, without rendering, what the engine decides for f:
// membership, variants and per slot the module and the reason.
func decide(c *render.Campaign, email string, slots []string, now time.Time, f fixture) (personRow, segment.Membership) {
	row := personRow{ID: f.ID, Name: f.Name, Link: recipientURL(email, f.ID, "")}
	m, err := c.Rules.Evaluate(f.Profile, now)
	if err != nil {
		row.RuleErr = err.Error()
	}
	vars := make(map[string]string, len(c.Config.Experiments))
	for _, x := range c.Config.Experiments {
		vars[x.Name] = x.Assign(f.ID)
		row.Variants = append(row.Variants, vars[x.Name])
	}
	for _, sg := range c.Rules.Segments() {
		if m.Segments[sg] {
			row.Segments = append(row.Segments, sg)
		}
	}
	env := segment.Env{Profile: f.Profile, Membership: m, Variants: vars, Now: now}
	for _, sl := range slots {
		mod, err := c.Library.Select(sl, env)
		switch {
		case err != nil:
			row.Cells = append(row.Cells, choice{Module: "error", Reason: err.Error(), Kind: "error"})
		case mod == nil:
			row.Cells = append(row.Cells, choice{Module: "(none)", Reason: "no module applies and the slot has no fallback", Kind: "error"})
		default:
			row.Cells = append(row.Cells, describe(mod, env.Membership.Segments, vars))
		}
	}
	return row, m
}

// describe says why mod applies to a recipient in segs with vars (nil
// maps: to any recipient of its segment): its segment, experiment
// variant, when, locale and dates, and its priority; or that it is the
// fallback.
func describe(mod *modules.Module, segs map[string]bool, vars map[string]string) choice {
	if mod.Fallback() {
		return choice{Module: mod.ID, Reason: "fallback: no other module applies", Kind: "fallback"}
	}
	var why []string
	kind := "rule"
	for _, s := range mod.Segments {
		if segs == nil || segs[s] {
			why = append(why, "segment "+s)
			break
		}
	}
	if mod.Experiment != "" {
		kind = "variant"
		why = append(why, fmt.Sprintf("experiment %s, variant %s", mod.Experiment, mod.Variant))
	}
	if mod.When != nil {
		why = append(why, "when "+mod.When.String())
	}
	if mod.Locale != "" {
		why = append(why, "locale "+mod.Locale)
	}
	if !mod.Starts.IsZero() || !mod.Ends.IsZero() {
		why = append(why, "dated")
	}
	why = append(why, fmt.Sprintf("priority %d", mod.Priority))
	return choice{Module: mod.ID, Reason: strings.Join(why, ", "), Kind: kind}
}

// buildMatrix decides for every listed recipient, renders each to find
// the failures, and groups them by segment.
func buildMatrix(ctx context.Context, c *render.Campaign, email string, set []fixture) (matrixView, error) {
	mx, err := c.Matrix(email)
	if err != nil {
		return matrixView{}, fmt.Errorf("preview: matrix: %w", err)
	}
	v := matrixView{Email: email, Slots: mx.Slots, Total: len(set)}
	for _, x := range c.Config.Experiments {
		v.Experiments = append(v.Experiments, x.Name)
	}
	now := campaignNow(c)
	members := map[string][]int{} // segment ("" for none) -> rows of v.People
	for _, f := range set {
		row, m := decide(c, email, mx.Slots, now, f)
		if _, err := c.Render(ctx, render.Request{Email: email, Profile: f.Profile, DataErrors: f.DataErrors}); err != nil {
			row.RenderErr = err.Error()
		}
		in := false
		for _, sg := range c.Rules.Segments() {
			if m.Segments[sg] {
				members[sg] = append(members[sg], len(v.People))
				in = true
			}
		}
		if !in {
			members[""] = append(members[""], len(v.People))
		}
		v.People = append(v.People, row)
	}
	for _, r := range mx.Rows {
		v.Segments = append(v.Segments, v.segmentRow(c, r, members[r.Segment], set))
	}
	sortSegments(v.Segments)
	return v, nil
}

func (v *matrixView) segmentRow(c *render.Campaign, r render.MatrixRow, rows []int, set []fixture) segmentRow {
	sr := segmentRow{Name: r.Segment, None: r.Segment == "", Priority: -1 << 31}
	for _, rule := range c.Rules.SegmentRules() {
		if rule.Name == r.Segment {
			sr.Description = rule.Description
		}
	}
	for _, i := range rows {
		sr.Members = append(sr.Members, set[i])
	}
	for si, cell := range r.Cells {
		var sc segmentCell
		for _, mod := range cell {
			sc.Options = append(sc.Options, describe(mod, nil, nil))
			for _, s := range mod.Segments {
				if s == r.Segment && mod.Priority > sr.Priority {
					sr.Priority, sr.Targeted = mod.Priority, true
				}
			}
		}
		sc.Got = tally(v.People, rows, si, sc.Options)
		sr.Cells = append(sr.Cells, sc)
	}
	return sr
}

// tally counts the modules the rows got in slot si; nil when every one
// got a module the options already name.
func tally(people []personRow, rows []int, si int, opts []choice) []gotCount {
	named := map[string]bool{}
	for _, o := range opts {
		named[o.Module] = true
	}
	counts := map[string]int{}
	other := false
	for _, i := range rows {
		id := people[i].Cells[si].Module
		counts[id]++
		other = other || !named[id]
	}
	if !other {
		return nil
	}
	out := make([]gotCount, 0, len(counts))
	for id, n := range counts {
		out = append(out, gotCount{id, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Module < out[j].Module
	})
	return out
}

// sortSegments puts the segments that modules name first, by the highest
// priority of those modules (the order in which they win a slot), then the
// others in segments.yaml's order, then the recipients in no segment.
func sortSegments(rows []segmentRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.None != b.None {
			return b.None
		}
		if a.Targeted != b.Targeted {
			return a.Targeted
		}
		return a.Targeted && a.Priority > b.Priority
	})
}
