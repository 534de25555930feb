package esp

import (
	"context"

	"github.com/tailor-email/tailor/store"
)

// Counts are what recording a batch came to.
type Counts struct {
	// Recorded counts the outcomes joined to a logged send and stored.
	Recorded int `json:"recorded"`
	// Unmatched counts the events that name no message in the send log
	// (sent by something else, or before the log was kept).
	Unmatched int `json:"unmatched"`
	// Ignored counts the provider's events that are no outcome.
	Ignored int `json:"ignored"`
	// Suppressed counts the recipients suppressed: on every list for a
	// hard bounce or a complaint, on list for an unsubscribe.
	Suppressed int `json:"suppressed"`
}

// Record joins b's events to the sends of st's log they name (by their
// first ID the log has), records them as outcomes of those sends and
// suppresses who bounced hard, complained (every list) or unsubscribed
// (list). machine, when not nil, may mark an open or click a machine's
// that the provider did not.
func Record(ctx context.Context, st store.Store, b Batch, list string, machine func(Event, store.Send) bool) (Counts, error) {
	c := Counts{Ignored: b.Ignored}
	var ids []string
	for _, e := range b.Events {
		ids = append(ids, e.IDs...)
	}
	sends, err := st.SendsByID(ctx, ids...)
	if err != nil {
		return c, err
	}
	var out []store.Outcome
	for _, e := range b.Events {
		sd, ok := joined(e, sends)
		if !ok {
			c.Unmatched++
			continue
		}
		o := e.Outcome
		o.MessageID, o.Recipient = sd.MessageID, sd.Recipient
		if (o.Kind == store.Opened || o.Kind == store.Clicked) && !o.Machine && machine != nil {
			o.Machine = machine(e, sd)
		}
		out = append(out, o)
		if sp, ok := Suppression(e, sd, list); ok {
			if err := st.Suppress(ctx, sp); err != nil {
				return c, err
			}
			c.Suppressed++
		}
	}
	if err := st.RecordOutcomes(ctx, out); err != nil {
		return c, err
	}
	c.Recorded = len(out)
	return c, nil
}

// joined is the logged send an event names, by its first ID the log has.
func joined(e Event, sends map[string]store.Send) (store.Send, bool) {
	for _, id := range e.IDs {
		if sd, ok := sends[id]; ok {
			return sd, true
		}
	}
	return store.Send{}, false
}

// Suppression is what an event suppresses: the address (the send's, else
// the provider's) on every list for a hard bounce or a complaint, on
// list for an unsubscribe.
func Suppression(e Event, sd store.Send, list string) (store.Suppression, bool) {
	who := sd.Email
	if who == "" {
		who = e.Email
	}
	sp := store.Suppression{Who: who, List: store.AllLists, Reason: string(e.Kind), At: e.At}
	switch {
	case who == "":
		return sp, false
	case e.Kind == store.Bounced && e.Permanent, e.Kind == store.Complained:
		return sp, true
	case e.Kind == store.Unsubscribe:
		sp.List = list
		return sp, true
	}
	return sp, false
}
