package preview

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tailor-email/tailor/store"
)

// timelineEach bounds what the timeline reads of each kind (events,
// transitions, jobs, sends): one query of at most that many rows each,
// however long the recipient's history.
const timelineEach = 25

// timelineItem is one line of a stored recipient's timeline.
type timelineItem struct {
	At     time.Time
	Kind   string // event, transition, job, send
	Title  string
	Detail string
	Lines  []string // a send's outcomes, oldest first
}

// timeline is what the store holds about a recipient, newest first.
type timeline struct {
	Items []timelineItem
	// Full says a kind had timelineEach items: older ones are not shown.
	Full []string
	Err  string
}

// kindRank orders the items of one time: what an event caused above it.
func kindRank(kind string) int {
	return strings.Index("send job transition event", kind)
}

// timelineOf reads id's latest events, transitions, jobs and sends and
// merges them, newest first.
func timelineOf(ctx context.Context, st store.Store, id string) timeline {
	var tl timeline
	var errs []string
	note := func(kind string, n int, err error) {
		if err != nil {
			errs = append(errs, err.Error())
		}
		if n >= timelineEach {
			tl.Full = append(tl.Full, kind)
		}
	}
	evs, err := st.RecentEvents(ctx, id, timelineEach)
	note("events", len(evs), err)
	for _, e := range evs {
		tl.Items = append(tl.Items, eventItem(e))
	}
	ts, err := st.History(ctx, id, timelineEach)
	note("transitions", len(ts), err)
	for _, t := range ts {
		tl.Items = append(tl.Items, transitionItem(t))
	}
	jobs, err := st.RecentJobs(ctx, id, timelineEach)
	note("jobs", len(jobs), err)
	for _, j := range jobs {
		tl.Items = append(tl.Items, jobItem(j))
	}
	sends, err := st.SendsTo(ctx, id, timelineEach)
	note("sends", len(sends), err)
	for _, s := range sends {
		tl.Items = append(tl.Items, sendItem(s))
	}
	sort.SliceStable(tl.Items, func(i, j int) bool {
		a, b := tl.Items[i], tl.Items[j]
		if !a.At.Equal(b.At) {
			return a.At.After(b.At)
		}
		return kindRank(a.Kind) < kindRank(b.Kind)
	})
	tl.Err = strings.Join(errs, "; ")
	return tl
}

func eventItem(e store.Event) timelineItem {
	it := timelineItem{At: e.At, Kind: "event", Title: fmt.Sprintf("event %s #%d", e.Name, e.Seq)}
	if len(e.Data) > 0 {
		it.Detail = clip(string(e.Data), 200)
	}
	return it
}

func transitionItem(t store.Transition) timelineItem {
	it := timelineItem{At: t.At, Kind: "transition", Detail: "cause " + t.Cause}
	switch {
	case t.Score != "":
		it.Title = fmt.Sprintf("tier %s: %s → %s", t.Score, orNone(t.From), orNone(t.To))
	case t.Entered:
		it.Title = "entered segment " + t.Segment
	default:
		it.Title = "left segment " + t.Segment
	}
	return it
}

func jobItem(j store.Job) timelineItem {
	it := timelineItem{At: j.Updated, Kind: "job",
		Title:  fmt.Sprintf("%s: email %s by trigger %s", j.State, j.Email, j.Trigger),
		Detail: "due " + j.Due.Format(time.RFC3339)}
	if j.Attempts > 0 {
		it.Detail += fmt.Sprintf(", %d attempt(s)", j.Attempts)
	}
	if j.Note != "" {
		it.Detail += ": " + j.Note
	}
	return it
}

func sendItem(s store.SendWithOutcomes) timelineItem {
	it := timelineItem{At: s.At, Kind: "send", Title: "sent " + s.Template, Detail: "Message-ID " + s.MessageID}
	if s.Campaign != "" {
		it.Detail += ", by " + s.Campaign
	}
	if len(s.Outcomes) == 0 {
		it.Lines = []string{"no outcome yet"}
	}
	for _, o := range s.Outcomes {
		line := o.At.Format(time.RFC3339) + " " + string(o.Kind)
		if o.URL != "" {
			line += " " + o.URL
		}
		if o.Machine {
			line += " (by a machine)"
		}
		it.Lines = append(it.Lines, line)
	}
	return it
}

func orNone(tier string) string {
	if tier == "" {
		return "(none)"
	}
	return tier
}

// clip shortens s to n bytes, on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
