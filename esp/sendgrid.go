package esp

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/tailor-email/tailor/store"
)

// sendgridEvent is one event of SendGrid's event webhook (a JSON array
// of them), with the message's unique arguments as top-level fields.
type sendgridEvent struct {
	Event       string  `json:"event"`
	Email       string  `json:"email"`
	Timestamp   float64 `json:"timestamp"`
	SMTPID      string  `json:"smtp-id"`
	SGMessageID string  `json:"sg_message_id"`
	URL         string  `json:"url"`
	UserAgent   string  `json:"useragent"`
	IP          string  `json:"ip"`
	Type        string  `json:"type"` // a bounce's: bounce or blocked
	// MachineOpen is SendGrid's mark of an open by Apple Mail Privacy
	// Protection.
	MachineOpen bool   `json:"sg_machine_open"`
	Tailor      string `json:"tailor_message"` // MetadataKey
}

// sendgridKinds maps SendGrid's events; the others (processed,
// deferred, dropped, group_resubscribe) are no outcome.
func sendgridKinds() map[string]store.OutcomeKind {
	return map[string]store.OutcomeKind{
		"delivered": store.Delivered, "open": store.Opened, "click": store.Clicked, "bounce": store.Bounced,
		"spamreport": store.Complained, "unsubscribe": store.Unsubscribe, "group_unsubscribe": store.Unsubscribe,
	}
}

// parseSendGrid reads a SendGrid event webhook body: a JSON array of
// events, or (an export) one event per line.
func parseSendGrid(body []byte) (Batch, error) {
	var evs []sendgridEvent
	if err := decodeArrayOrLines(body, &evs); err != nil {
		return Batch{}, err
	}
	var b Batch
	kinds := sendgridKinds()
	for _, ev := range evs {
		kind, ok := kinds[ev.Event]
		if !ok || ev.Event == "bounce" && ev.Type == "blocked" {
			b.Ignored++
			continue
		}
		if e := b.add(kind, ev.Event, unixTime(ev.Timestamp), ev.Tailor, ev.SMTPID); e != nil {
			e.Email, e.UserAgent, e.IP = ev.Email, ev.UserAgent, ev.IP
			if kind == store.Clicked {
				e.URL = ev.URL
			}
			e.Machine, e.Permanent = ev.MachineOpen, kind == store.Bounced
		}
	}
	return b, nil
}

// decodeArrayOrLines decodes a JSON array into *out, or one JSON
// object, or JSON values one per line, appending each.
func decodeArrayOrLines[T any](body []byte, out *[]T) error {
	t := bytes.TrimSpace(body)
	if len(t) > 0 && t[0] == '[' {
		if err := json.Unmarshal(t, out); err != nil {
			return fmt.Errorf("not a JSON array of events: %w", err)
		}
		return nil
	}
	var one T
	if len(t) > 0 && t[0] == '{' && json.Unmarshal(t, &one) == nil {
		*out = append(*out, one)
		return nil
	}
	for i, line := range bytes.Split(body, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(line, &v); err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
		*out = append(*out, v)
	}
	return nil
}
