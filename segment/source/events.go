package source

import (
	"sort"
	"time"

	"github.com/tailor-email/tailor/segment"
)

// eventInput reduces one events input to fixed-size aggregates, one per
// recipient known when it is read.
type eventInput struct {
	in       Input
	now      int64
	from     int64 // window start
	aggs     []agg
	colField map[string]string
}

// agg is one recipient's running features.
type agg struct {
	last  int64 // newest event time, unix nanoseconds (0: none)
	count int32
	freq  int32
	total float64
	kept  []kept // newest last, at most KeepLast
}

// kept is one event kept for the list field.
type kept struct {
	at  int64
	obj map[string]any
}

// newEventInput prepares aggregates for n recipients.
func newEventInput(in Input, n int, now time.Time) *eventInput {
	ev := &eventInput{in: in, now: now.UnixNano(), from: now.Add(-in.window()).UnixNano(), aggs: make([]agg, n), colField: map[string]string{}}
	for field, col := range in.Fields {
		ev.colField[col] = field
	}
	return ev
}

// add folds one event row into its recipient's aggregate.
func (ev *eventInput) add(st *store, r *row, rep *InputReport, issue func(IssueKind, int, string, string, string)) {
	key, ok := r.key(ev.in.Key, rep, issue)
	if !ok {
		return
	}
	at, amount, msg, field := ev.parse(r)
	if msg != "" {
		rep.BadRows++
		issue(BadRow, r.line, key, field, msg)
		return
	}
	i, ok := st.index[key]
	switch {
	case !ok || int(i) >= len(ev.aggs):
		rep.Orphans++
		return
	case at > ev.now:
		rep.Future++
		return
	}
	rep.Aggregated++
	a := &ev.aggs[i]
	a.count++
	a.last = max(a.last, at)
	if at >= ev.from {
		a.freq++
		a.total += amount
	}
	if ev.in.KeepLast > 0 {
		ev.keep(a, at, r, rep, key, issue)
	}
}

// parse reads an event's time and amount; msg is set when the row is bad.
func (ev *eventInput) parse(r *row) (at int64, amount float64, msg, field string) {
	v, ok := r.get(ev.in.At)
	if !ok {
		return 0, 0, "no event time", ev.in.At
	}
	t, err := toTime(v)
	if err != nil {
		return 0, 0, err.Error(), ev.in.At
	}
	if ev.in.Amount != "" {
		if v, ok := r.get(ev.in.Amount); ok {
			n, err := toNumber(v, false)
			if err != nil {
				return 0, 0, err.Error(), ev.in.Amount
			}
			amount = n.(float64)
		}
	}
	return t.UnixNano(), amount, "", ""
}

// keep adds the event to the recipient's newest-N list.
func (ev *eventInput) keep(a *agg, at int64, r *row, rep *InputReport, key string, issue func(IssueKind, int, string, string, string)) {
	n := ev.in.KeepLast
	if len(a.kept) == n && at <= a.kept[0].at {
		return // older than every kept event
	}
	obj := map[string]any{}
	r.each(func(col string, v any) {
		field := col
		if f, ok := ev.colField[col]; ok {
			field = f
		}
		v, err := coerce(v, ev.in.Types[field])
		if err != nil {
			rep.BadValues++
			issue(BadValue, r.line, key, field, err.Error())
			return
		}
		obj[field] = v
	})
	if ev.in.At != "" {
		obj[ev.fieldOf(ev.in.At)] = time.Unix(0, at).UTC().Format(time.RFC3339)
	}
	pos := sort.Search(len(a.kept), func(j int) bool { return a.kept[j].at > at })
	a.kept = append(a.kept, kept{})
	copy(a.kept[pos+1:], a.kept[pos:])
	a.kept[pos] = kept{at: at, obj: obj}
	if len(a.kept) > n {
		a.kept = a.kept[1:]
	}
}

// fieldOf maps a column to its field name.
func (ev *eventInput) fieldOf(col string) string {
	if f, ok := ev.colField[col]; ok {
		return f
	}
	return col
}

// features writes recipient i's features into p.
func (ev *eventInput) features(i int, p segment.Profile) {
	var a agg
	if i < len(ev.aggs) {
		a = ev.aggs[i]
	}
	pre := ev.in.Prefix
	if a.last != 0 {
		p[pre+"recency_days"] = float64(ev.now-a.last) / float64(24*time.Hour)
		p[pre+"last_at"] = time.Unix(0, a.last).UTC().Format(time.RFC3339)
	}
	p[pre+"frequency"] = float64(a.freq)
	p[pre+"monetary_total"] = a.total
	avg := 0.0
	if a.freq > 0 {
		avg = a.total / float64(a.freq)
	}
	p[pre+"monetary_avg"] = avg
	p[pre+"count"] = float64(a.count)
	if ev.in.KeepLast > 0 {
		list := make([]any, len(a.kept))
		for j, k := range a.kept {
			list[j] = k.obj
		}
		p[ev.in.List] = list
	}
}
