package track

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/tailor-email/tailor/store"
)

// Convert counts the event name of recipient at at as a conversion of
// the last send to them, when name is the conversion event and that
// send is at most the window old: it records the outcome (with the
// event's value field, when a number) and returns it. Any other event,
// or one with no send in the window, converts nothing.
func (s Settings) Convert(ctx context.Context, st store.Sends, name, recipient string, event map[string]any, at time.Time) (store.Outcome, bool, error) {
	if name != s.Conversion || recipient == "" {
		return store.Outcome{}, false, nil
	}
	sd, ok, err := st.LastSendTo(ctx, recipient, at)
	if err != nil || !ok || at.Sub(sd.At) > s.Window {
		return store.Outcome{}, false, err
	}
	o := store.Outcome{MessageID: sd.MessageID, Recipient: recipient, Kind: store.Converted, At: at, Source: "event", Value: number(event[s.ValueField])}
	if err := st.RecordOutcomes(ctx, []store.Outcome{o}); err != nil {
		return store.Outcome{}, false, err
	}
	return o, true, nil
}

// number is v as a float64 when it is a JSON number or a numeric
// string; 0 otherwise.
func number(v any) float64 {
	switch n := v.(type) {
	case float64:
		return n
	case int:
		return float64(n)
	case int64:
		return float64(n)
	case json.Number:
		f, _ := n.Float64()
		return f
	case string:
		f, err := strconv.ParseFloat(n, 64)
		if err == nil {
			return f
		}
	}
	return 0
}
