package esp

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tailor-email/tailor/store"
)

// Event is one provider event read as an outcome. Outcome.MessageID is
// the first of IDs (the keys that may join it to the send log, best
// first); Recipient is not set (the send log has it).
type Event struct {
	store.Outcome
	// IDs are the message IDs the event names, without angle brackets:
	// tailor's own (MetadataKey, HeaderName) first, then the Message-ID.
	IDs []string
	// Email is the recipient's address, as the provider reports it.
	Email string
	// Name is the provider's name of the event, e.g. "Bounce" or "open".
	Name string
	// Permanent marks a bounce that will not go away (hard), for
	// suppression.
	Permanent bool
	// UserAgent and IP are the reader's, for an open or click.
	UserAgent, IP string
}

// Batch is what one webhook request or export holds.
type Batch struct {
	Events []Event
	// Ignored counts the provider's events that map to no outcome (sent,
	// deferred, a soft bounce, ...).
	Ignored int
	// SubscribeURL is set when the request is Amazon SNS's subscription
	// confirmation: the URL that confirms it (see SES).
	SubscribeURL string
}

// HeaderName is the header that carries tailor's Message-ID where a
// provider reports a message's headers; MetadataKey the custom
// argument, metadata or variable that carries it where a provider
// reports those instead (SendGrid unique_args, Postmark X-PM-Metadata-,
// Mailgun X-Mailgun-Variables).
const (
	HeaderName  = "X-Tailor-Message"
	MetadataKey = "tailor_message"
)

// Providers are the providers Parse reads, by the names it takes.
func Providers() []string { return []string{"ses", "sendgrid", "postmark", "mailgun"} }

// ErrUnknownProvider is returned for a provider Parse does not read.
var ErrUnknownProvider = errors.New("unknown provider")

// Parse reads one webhook request body of provider.
func Parse(provider string, body []byte) (Batch, error) {
	var b Batch
	var err error
	switch provider {
	case "ses":
		b, err = parseSNS(body)
	case "sendgrid":
		b, err = parseSendGrid(body)
	case "postmark":
		b, err = parsePostmark(body)
	case "mailgun":
		b, err = parseMailgun(body)
	default:
		return b, fmt.Errorf("%w %q (want %s)", ErrUnknownProvider, provider, strings.Join(Providers(), ", "))
	}
	if err != nil {
		return b, fmt.Errorf("%s: %w", provider, err)
	}
	for i := range b.Events {
		b.Events[i].Source = provider
	}
	return b, nil
}

// add appends an event of kind at at, for the IDs, unless it names no ID.
func (b *Batch) add(kind store.OutcomeKind, name string, at time.Time, ids ...string) *Event {
	var clean []string
	for _, id := range ids {
		if id = CleanID(id); id != "" && !slices.Contains(clean, id) {
			clean = append(clean, id)
		}
	}
	if len(clean) == 0 {
		b.Ignored++
		return nil
	}
	b.Events = append(b.Events, Event{Outcome: store.Outcome{MessageID: clean[0], Kind: kind, At: at.UTC()}, IDs: clean, Name: name})
	return &b.Events[len(b.Events)-1]
}

// CleanID is a Message-ID without spaces or angle brackets.
func CleanID(id string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">")
}

// parseTime reads an RFC 3339 time, fractions of a second or not.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return t, fmt.Errorf("time %q: %w", s, err)
	}
	return t, nil
}

// unixTime is a Unix time in seconds, whole or not, to the
// microsecond (as the store keeps times).
func unixTime(v float64) time.Time { return time.UnixMicro(int64(math.Round(v * 1e6))).UTC() }
