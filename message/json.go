package message

import (
	"time"

	"github.com/tailor-email/tailor/render"
)

// JSON is the one JSON shape of a rendered message. encoding/json and
// AppendJSONL give the same bytes for it.
//
// A JSONL line of tailor render holds DESIGN's fields (Line, or Failed for
// a recipient that failed): Scores, Tiers and Unsubscribe stay empty, and
// so out of the line. The render API's message (Of) holds every field but
// Error.
type JSON struct {
	ID        string `json:"id"`
	Template  string `json:"template"`
	To        string `json:"to"`
	Subject   string `json:"subject"`
	Preheader string `json:"preheader"`
	HTML      string `json:"html"`
	Text      string `json:"text"`
	AMP       string `json:"amp"`
	// AMPDropped says why the AMP part was left out, when it was.
	AMPDropped string            `json:"amp_dropped,omitempty"`
	Segments   []string          `json:"segments"`
	Scores     map[string]int    `json:"scores,omitempty"`
	Tiers      map[string]string `json:"tiers,omitempty"`
	Modules    map[string]string `json:"modules"`           // slot -> module ID
	Variants   map[string]string `json:"variants"`          // experiment -> variant
	SendAt     string            `json:"send_at,omitempty"` // when to send (RFC 3339, UTC; send_time), absent for at once
	// MessageID is the Message-ID the .eml carries and the send log
	// keys the message by (ID), without angle brackets; empty when the
	// From is no address. A sender working from JSONL sets it as the
	// Message-ID header, so that outcomes join the send log.
	MessageID   string `json:"message_id,omitempty"`
	Unsubscribe string `json:"unsubscribe,omitempty"`
	// RuleErrors lists the rules that could not evaluate for the
	// recipient, each with its segments.yaml position.
	RuleErrors []string `json:"rule_errors,omitempty"`
	// DataErrors lists the profile's values that did not fit the schema,
	// each at its source:line:col; the recipient was rendered without them.
	DataErrors []string `json:"data_errors,omitempty"`
	// Error says why the recipient failed; the other fields but ID and
	// Template are then empty.
	Error string `json:"error,omitempty"`
	// Suppressed says the recipient is on the suppression list, so no
	// message was rendered; the other fields but ID and Template are then
	// empty.
	Suppressed bool `json:"suppressed,omitempty"`

	// HTMLJSON, when not empty, is the html field already encoded, quotes
	// included, as the engine makes it while it renders
	// (render.Request.HTMLJSON): AppendJSONL appends it in place of HTML,
	// which is then empty. encoding/json leaves it out.
	HTMLJSON []byte `json:"-"`
	// AMPJSON is HTMLJSON for the amp field (render.Request.AMPJSON).
	AMPJSON []byte `json:"-"`
}

// Of is m's JSON with every field: the render API's message.
func Of(m *render.Message) JSON {
	j := Line(m)
	j.Scores, j.Tiers, j.Unsubscribe = m.Scores, m.Tiers, m.Unsubscribe
	return j
}

// Line is m's JSON with DESIGN's fields: a line of tailor render's JSONL.
// Segments is never null.
func Line(m *render.Message) JSON {
	segments := m.Segments
	if segments == nil {
		segments = []string{}
	}
	return JSON{
		ID: m.ID, Template: m.Template, To: m.To, Subject: m.Subject, Preheader: m.Preheader,
		HTML: m.HTML, Text: m.Text, AMP: m.AMP, AMPDropped: m.AMPDropped, Segments: segments,
		Modules: m.Modules, Variants: m.Variants, SendAt: sendAt(m.SendAt), MessageID: ID(m), RuleErrors: m.RuleErrors, DataErrors: m.DataErrors,
	}
}

// sendAt is t in RFC 3339 in UTC, or "" for the zero time.
func sendAt(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// Failed is the JSONL line of a recipient that failed: its ID, the email
// and the error.
func Failed(id, template, err string) JSON {
	return JSON{ID: id, Template: template, Error: err}
}

// SuppressedLine is the JSONL line of a recipient left out because the
// audience store suppresses them: its ID, the email and "suppressed": true.
// It holds the recipient's place in the output, so that a resumed batch
// still finds every recipient where it was.
func SuppressedLine(id, template string) JSON {
	return JSON{ID: id, Template: template, Suppressed: true}
}
