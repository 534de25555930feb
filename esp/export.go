package esp

import (
	"encoding/json"
	"fmt"
)

// ParseExport reads an export of provider's events: for SES, SNS
// messages or SES notifications one per line or in a JSON array; for the
// others, what Parse reads (their arrays, lines, or Mailgun's events API
// pages). A SubscriptionConfirmation in an export is ignored.
func ParseExport(provider string, body []byte) (Batch, error) {
	if provider != "ses" {
		return Parse(provider, body)
	}
	var msgs []json.RawMessage
	if err := decodeArrayOrLines(body, &msgs); err != nil {
		return Batch{}, fmt.Errorf("ses: %w", err)
	}
	var all Batch
	for i, m := range msgs {
		b, err := Parse(provider, m)
		if err != nil {
			return all, fmt.Errorf("event %d: %w", i+1, err)
		}
		all.Events = append(all.Events, b.Events...)
		all.Ignored += b.Ignored
		if b.SubscribeURL != "" {
			all.Ignored++
		}
	}
	return all, nil
}
