package render

import (
	"time"

	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
)

// Request asks for one email for one recipient.
type Request struct {
	Email   string          // the email's name, e.g. "newsletter"
	Profile segment.Profile // the recipient
	Now     time.Time       // the clock; zero means the campaign's
	// HTMLJSON, when set, has Render append the HTML part to *HTMLJSON as a
	// JSON string, quotes included (byte for byte what encoding/json
	// writes for it with SetEscapeHTML(false)), instead of keeping it in
	// Message.HTML, which stays empty: a batch that writes JSON lines then
	// neither copies the part into a string nor escapes it. The JSON form
	// is made while the part is written, from JSON forms of the templates'
	// text made when the workspace loaded. When a value is not valid UTF-8
	// nothing is appended and Message.HTML holds the part as usual; nothing
	// is appended when the render fails.
	HTMLJSON *[]byte
	// AMPJSON is HTMLJSON for the AMP part: when set, Render appends the
	// AMP part to *AMPJSON as a JSON string, quotes included, instead of
	// keeping it in Message.AMP, which stays empty. Nothing is appended
	// when the recipient has no AMP part (Message.AMPDropped says why, or
	// the email has none), when a value is not valid UTF-8 (Message.AMP
	// then holds the part), or when the render fails.
	AMPJSON *[]byte
	// StrictRules makes a rule that cannot evaluate for this recipient (a
	// field of the wrong type, say) fail the render, and so do its
	// DataErrors. Without it the rule counts as not matching, as in tailor
	// segments, and the message lists it in RuleErrors; the data errors
	// are listed in DataErrors.
	StrictRules bool
	// DataErrors are the profile's values that did not fit the schema
	// where it was read (recipients.Record.DataErrors): they are not in
	// Profile, and the message lists them.
	DataErrors []*schema.Error
	// Engagement are the recipient's opens and clicks known apart from
	// the profile (the audience store's events): with tailor.yaml's
	// send_time they count towards Message.SendAt.
	Engagement []time.Time
}

// Message is one recipient's rendered email: plain parts and what the
// engine decided. Its JSON shape, .eml and files are package message's.
type Message struct {
	ID        string // the recipient's ID
	Template  string // the email's name
	From      string
	To        string
	Subject   string
	Preheader string
	HTML      string // empty when Request.HTMLJSON took it
	Text      string
	AMP       string // empty when Request.AMPJSON took it
	// AMPDropped says why this recipient's AMP part was left out, when it was.
	AMPDropped  string
	Segments    []string          // the segments the recipient is in, sorted
	Scores      map[string]int    // score -> points
	Tiers       map[string]string // score -> tier
	Modules     map[string]string // slot -> module ID
	Variants    map[string]string // experiment -> variant
	Unsubscribe string            // the recipient's unsubscribe URL
	// RuleErrors lists the rules that could not evaluate for the recipient,
	// each with its segments.yaml position; they counted as not matching.
	RuleErrors []string
	// DataErrors lists the values of the profile that did not fit the
	// schema, each at its source:line:col; the recipient was rendered
	// without them (Request.DataErrors).
	DataErrors []string
	Date       time.Time
	// MessageID, when set, is the Message-ID of the message (package
	// message's ID, which computes it when it is not): a batch sets it
	// once per message, for the JSONL line, the .eml and the send log.
	MessageID string
	// SendAt, in UTC, is when to send: the start of the recipient's best
	// hour in their time zone (tailor.yaml's send_time, see package
	// sendtime); zero for at once.
	SendAt time.Time
	// Propensity holds, for each slot whose module a model chose
	// (tailor.yaml's slots: select:), the probability with which that
	// module was chosen, exploration included (see Choice).
	Propensity map[string]float64
}

// Data is what every template sees: the root "." of subject, preheader,
// email, layout, partials and modules.
type Data struct {
	Profile  segment.Profile   // the recipient's fields: {{ .Profile.first_name }}
	Segments map[string]bool   // {{ if .Segments.loyal }}
	Scores   map[string]int    // {{ .Scores.engagement }}
	Tiers    map[string]string // {{ if eq .Tiers.engagement "hot" }}
	Variants map[string]string // {{ if eq .Variants.subject_line "b" }}
	// Predictions holds segments.yaml's models' predictions:
	// {{ if gt .Predictions.churn 0.7 }}; an actions model's is a map,
	// {{ .Predictions.nba.discount }}.
	Predictions map[string]any
	// Slots holds each slot's selected module, rendered: {{ .Slots.hero }}.
	Slots       map[string]any
	Now         time.Time
	Locale      string // the profile's locale, or the workspace default
	Subject     string // the rendered subject (in bodies)
	Preheader   string // the rendered preheader (in bodies)
	Unsubscribe string // the recipient's unsubscribe URL
	Campaign    string // tailor.yaml's name
}
