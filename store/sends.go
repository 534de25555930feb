package store

import "time"

// Send is one entry of the send log: an email that was sent or written,
// with what the engine decided for its recipient. Outcomes join to it by
// MessageID.
type Send struct {
	MessageID string    // the Message-ID tailor wrote, without angle brackets
	Recipient string    // the recipient ID
	Email     string    // the recipient's address
	Template  string    // the email's name
	Campaign  string    // the batch run, trigger or event that sent it
	At        time.Time // when it was rendered for sending
	Segments  []string  // sorted
	Tiers     map[string]string
	Modules   map[string]string // slot -> module ID
	Variants  map[string]string // experiment -> variant
	// Propensity, for a slot whose module a model chose, is the
	// probability with which that module was chosen (slot -> p).
	Propensity map[string]float64
}

// OutcomeKind is what happened to a sent email.
type OutcomeKind string

// The outcome kinds, as ESP events and tracking map to them.
const (
	Delivered   OutcomeKind = "delivered"
	Opened      OutcomeKind = "open"
	Clicked     OutcomeKind = "click"
	Bounced     OutcomeKind = "bounce"
	Complained  OutcomeKind = "complaint"
	Unsubscribe OutcomeKind = "unsubscribe"
	Converted   OutcomeKind = "conversion"
)

// Outcome is one thing that happened to a sent email.
type Outcome struct {
	MessageID string
	Recipient string // when known; the send log has it otherwise
	Kind      OutcomeKind
	At        time.Time
	// Machine marks an open or click made by a machine (a privacy proxy
	// prefetching images, a link scanner) where it can be told apart.
	Machine bool
	URL     string  // the link of a click
	Source  string  // tracking, ses, sendgrid, postmark, mailgun, event
	Value   float64 // a conversion's value, when it has one
}
