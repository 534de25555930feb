package store

import "time"

// Send is one entry of the send log: an email that was sent or written,
// with what the engine decided for its recipient. Outcomes join to it by
// MessageID. Its JSON form is a line of sends.jsonl (see ReadSends).
type Send struct {
	MessageID string            `json:"message_id"` // the Message-ID tailor wrote, without angle brackets
	Recipient string            `json:"recipient"`  // the recipient ID
	Email     string            `json:"email,omitempty"`
	Template  string            `json:"template,omitempty"` // the email's name
	Campaign  string            `json:"campaign,omitempty"` // the batch run, trigger or event that sent it
	At        time.Time         `json:"at"`                 // when it was rendered for sending
	Segments  []string          `json:"segments,omitempty"` // sorted
	Tiers     map[string]string `json:"tiers,omitempty"`
	Modules   map[string]string `json:"modules,omitempty"`  // slot -> module ID
	Variants  map[string]string `json:"variants,omitempty"` // experiment -> variant
	// Propensity, for a slot whose module a model chose, is the
	// probability with which that module was chosen (slot -> p).
	Propensity map[string]float64 `json:"propensity,omitempty"`
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

// Outcome is one thing that happened to a sent email. Its JSON form is a
// line of outcomes.jsonl (see ReadOutcomes).
type Outcome struct {
	MessageID string      `json:"message_id"`
	Recipient string      `json:"recipient,omitempty"` // when known; the send log has it otherwise
	Kind      OutcomeKind `json:"kind"`
	At        time.Time   `json:"at"`
	// Machine marks an open or click made by a machine (a privacy proxy
	// prefetching images, a link scanner) where it can be told apart.
	Machine bool    `json:"machine,omitempty"`
	URL     string  `json:"url,omitempty"`    // the link of a click
	Source  string  `json:"source,omitempty"` // tracking, ses, sendgrid, postmark, mailgun, event
	Value   float64 `json:"value,omitempty"`  // a conversion's value, when it has one
}
