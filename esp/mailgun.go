package esp

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/tailor-email/tailor/store"
)

// mailgunEvent is the event-data of a Mailgun webhook, or an item of
// its events API.
type mailgunEvent struct {
	Event     string  `json:"event"`
	Timestamp float64 `json:"timestamp"`
	Recipient string  `json:"recipient"`
	Severity  string  `json:"severity"` // a failure's: permanent or temporary
	URL       string  `json:"url"`
	IP        string  `json:"ip"`
	Message   struct {
		Headers map[string]string `json:"headers"`
	} `json:"message"`
	UserVariables map[string]any `json:"user-variables"`
	ClientInfo    struct {
		UserAgent string `json:"user-agent"`
	} `json:"client-info"`
}

// mailgunKinds maps Mailgun's events; the others (accepted, rejected,
// stored, a temporary failure) are no outcome.
func mailgunKinds() map[string]store.OutcomeKind {
	return map[string]store.OutcomeKind{
		"delivered": store.Delivered, "opened": store.Opened, "clicked": store.Clicked,
		"failed": store.Bounced, "complained": store.Complained, "unsubscribed": store.Unsubscribe,
	}
}

// parseMailgun reads a Mailgun webhook body ({"signature": ...,
// "event-data": {...}}), or an export: the events API's {"items": [...]}
// or event-data one per line.
func parseMailgun(body []byte) (Batch, error) {
	var doc struct {
		EventData *mailgunEvent  `json:"event-data"`
		Items     []mailgunEvent `json:"items"`
	}
	var evs []mailgunEvent
	if err := json.Unmarshal(body, &doc); err == nil && (doc.EventData != nil || doc.Items != nil) {
		evs = doc.Items
		if doc.EventData != nil {
			evs = append(evs, *doc.EventData)
		}
	} else if err := decodeArrayOrLines(bytes.TrimSpace(body), &evs); err != nil {
		return Batch{}, fmt.Errorf("not a Mailgun webhook or export: %w", err)
	}
	var b Batch
	kinds := mailgunKinds()
	for _, ev := range evs {
		kind, ok := kinds[ev.Event]
		if !ok || ev.Event == "failed" && ev.Severity != "permanent" {
			b.Ignored++
			continue
		}
		tailor, _ := ev.UserVariables[MetadataKey].(string)
		if e := b.add(kind, ev.Event, unixTime(ev.Timestamp), tailor, ev.Message.Headers["message-id"]); e != nil {
			e.Email, e.URL, e.IP, e.UserAgent, e.Permanent = ev.Recipient, ev.URL, ev.IP, ev.ClientInfo.UserAgent, kind == store.Bounced
		}
	}
	return b, nil
}
