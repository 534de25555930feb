package render

import (
	"context"
	"maps"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/tailor-email/tailor/segment"
)

// proveAMP validates, when the workspace loads, the AMP part of each
// email with amp: true with each module of each slot in its place (the
// other slots keep their fallback module), for a recipient with no data.
// Each part that passes proves its shape (see ampProofs) before any
// recipient comes. One that fails is no load error: it may lack what a
// recipient's values bring (a link, a date), and its recipients are
// validated in full until one passes. The parts run on every core.
func (c *Campaign) proveAMP() {
	var jobs []func()
	for _, e := range c.emails {
		a := e.amp
		if a == nil || a.validateEach || a.unvalidated || a.doc.reason != "" {
			continue
		}
		for _, choice := range a.choices(c.fallbacks(a)) {
			jobs = append(jobs, func() { c.proveChoice(e, choice) })
		}
	}
	next := make(chan func())
	var wg sync.WaitGroup
	for range min(len(jobs), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for job := range next {
				job()
			}
		})
	}
	for _, job := range jobs {
		next <- job
	}
	close(next)
	wg.Wait()
}

// fallbacks gives each slot of the AMP part the module proveAMP puts
// there while it tries another slot's: the slot's first fallback module
// with an AMP template, else its first module with one.
func (c *Campaign) fallbacks(a *ampPart) map[string]string {
	base := map[string]string{}
	for _, slot := range a.slots {
		for _, m := range c.Library.Modules(slot) {
			t := a.modules[slot][m.ID]
			if t == nil || t.reason != "" {
				continue
			}
			if _, set := base[slot]; !set || m.Fallback() {
				base[slot] = m.ID
			}
			if m.Fallback() {
				break
			}
		}
	}
	return base
}

// choices lists the module choices proveAMP renders: each module of each
// slot with an AMP template, the other slots at their module in base;
// each choice once. It is empty when a slot has no module in base.
func (a *ampPart) choices(base map[string]string) []map[string]string {
	for _, slot := range a.slots {
		if base[slot] == "" {
			return nil
		}
	}
	out := []map[string]string{base}
	for _, slot := range a.slots {
		for _, id := range slices.Sorted(maps.Keys(a.modules[slot])) {
			if id == base[slot] || a.modules[slot][id].reason != "" {
				continue
			}
			choice := maps.Clone(base)
			choice[slot] = id
			out = append(out, choice)
		}
	}
	return out
}

// proveChoice renders e's AMP part with the given modules for a recipient
// with no data, within the campaign's bounds; rendering validates it.
func (c *Campaign) proveChoice(e *email, modules map[string]string) {
	w := writers.Get().(*boundedWriter)
	defer w.release()
	lim := c.Config.Limits
	w.max, w.progs, w.reference = lim.MaxBytes, c.progs, c.reference
	w.budget.Reset(context.Background(), c.timeout, lim.MaxSteps, lim.MaxBytes)
	d := &Data{Profile: segment.Profile{}, Now: c.clock(time.Time{}), Locale: c.Config.Locale, Campaign: c.Config.Name}
	msg := &Message{Modules: modules}
	if c.headers(e, d, msg, w) != nil {
		return
	}
	_, _, _ = e.amp.render(w, d, msg, nil) // what counts is the proof it leaves
}
