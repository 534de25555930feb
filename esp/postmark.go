package esp

import (
	"github.com/tailor-email/tailor/store"
)

// postmarkRecord is one Postmark webhook payload (or a record of its
// export), by RecordType.
type postmarkRecord struct {
	RecordType  string
	MessageID   string // Postmark's own ID
	Recipient   string
	Email       string // a bounce's and complaint's
	Type        string // a bounce's: HardBounce, SoftBounce, ...
	DeliveredAt string
	BouncedAt   string
	ReceivedAt  string // an open's and click's
	ChangedAt   string // a subscription change's
	// SuppressSending, in a SubscriptionChange, says the recipient was
	// suppressed (unsubscribed, or bounced or complained).
	SuppressSending   bool
	SuppressionReason string
	OriginalLink      string
	UserAgent         string
	Metadata          map[string]string
	Headers           []struct{ Name, Value string }
}

// parsePostmark reads a Postmark webhook body (one record), or an
// export: a JSON array of records or one per line.
func parsePostmark(body []byte) (Batch, error) {
	var recs []postmarkRecord
	if err := decodeArrayOrLines(body, &recs); err != nil {
		return Batch{}, err
	}
	var b Batch
	for _, r := range recs {
		if err := b.addPostmark(r); err != nil {
			return b, err
		}
	}
	return b, nil
}

// addPostmark adds one record.
func (b *Batch) addPostmark(r postmarkRecord) error {
	kind, stamp, email := store.OutcomeKind(""), "", r.Recipient
	switch r.RecordType {
	case "Delivery":
		kind, stamp = store.Delivered, r.DeliveredAt
	case "Bounce":
		if r.Type != "HardBounce" && r.Type != "BadEmailAddress" && r.Type != "ManuallyDeactivated" {
			b.Ignored++ // soft bounces, transient failures, auto-replies
			return nil
		}
		kind, stamp, email = store.Bounced, r.BouncedAt, r.Email
	case "SpamComplaint":
		kind, stamp, email = store.Complained, r.BouncedAt, r.Email
	case "Open":
		kind, stamp = store.Opened, r.ReceivedAt
	case "Click":
		kind, stamp = store.Clicked, r.ReceivedAt
	case "SubscriptionChange":
		if !r.SuppressSending || r.SuppressionReason != "ManualSuppression" {
			b.Ignored++ // a reactivation, or the bounce or complaint reported as such
			return nil
		}
		kind, stamp = store.Unsubscribe, r.ChangedAt
	default:
		b.Ignored++
		return nil
	}
	at, err := parseTime(stamp)
	if err != nil {
		return err
	}
	ids := []string{r.Metadata[MetadataKey]}
	for _, h := range r.Headers {
		if h.Name == HeaderName || h.Name == "Message-ID" {
			ids = append(ids, h.Value)
		}
	}
	if e := b.add(kind, r.RecordType, at, append(ids, r.MessageID)...); e != nil {
		e.Email, e.URL, e.UserAgent, e.Permanent = email, r.OriginalLink, r.UserAgent, kind == store.Bounced
	}
	return nil
}
