package render

import (
	"time"

	"github.com/tailor-email/tailor/internal/bufpool"
	"github.com/tailor-email/tailor/internal/jsonstr"
	"github.com/tailor-email/tailor/segment"
)

// Request asks for one email for one recipient.
type Request struct {
	Email   string          // the email's name, e.g. "newsletter"
	Profile segment.Profile // the recipient
	Now     time.Time       // the clock; zero means the campaign's
	// KeepJSON has the HTML part also kept in JSON form while it is
	// written, for Message.AppendHTMLJSON: the template's text is escaped
	// once, when the workspace loads, instead of in every message.
	KeepJSON bool
}

// Message is one recipient's rendered email.
type Message struct {
	ID        string `json:"id"`
	Template  string `json:"template"`
	From      string `json:"-"`
	To        string `json:"to"`
	Subject   string `json:"subject"`
	Preheader string `json:"preheader"`
	HTML      string `json:"html"`
	Text      string `json:"text"`
	AMP       string `json:"amp"`
	// AMPDropped says why this recipient's AMP part was left out, when it was.
	AMPDropped  string            `json:"amp_dropped,omitempty"`
	Segments    []string          `json:"segments"`
	Scores      map[string]int    `json:"scores,omitempty"`
	Tiers       map[string]string `json:"tiers,omitempty"`
	Modules     map[string]string `json:"modules"`  // slot -> module ID
	Variants    map[string]string `json:"variants"` // experiment -> variant
	Unsubscribe string            `json:"unsubscribe,omitempty"`
	Date        time.Time         `json:"-"`

	htmlJSON []byte // HTML's JSON content, kept under Request.KeepJSON...
	jsonOf   string // ...when HTML was this
}

// AppendHTMLJSON appends the HTML part as a JSON string, quotes included:
// byte for byte what encoding/json writes for it with SetEscapeHTML(false).
// The JSON form Render kept under Request.KeepJSON is used, and given back
// for reuse, by the first call, unless HTML was changed since; any other
// call escapes the HTML. Like any method that changes m, it is not for
// concurrent use.
func (m *Message) AppendHTMLJSON(dst []byte) []byte {
	kept := m.htmlJSON
	if kept == nil {
		return jsonstr.Append(dst, m.HTML)
	}
	m.htmlJSON = nil
	if m.HTML != m.jsonOf { // the same string unless replaced: pointers compared
		dst = jsonstr.Append(dst, m.HTML)
	} else {
		dst = append(append(append(dst, '"'), kept...), '"')
	}
	m.jsonOf = ""
	htmlJSONBufs.Put(kept)
	return dst
}

// htmlJSONBufs recycles the kept JSON forms.
var htmlJSONBufs bufpool.Pool

// Data is what every template sees: the root "." of subject, preheader,
// email, layout, partials and modules.
type Data struct {
	Profile  segment.Profile   // the recipient's fields: {{ .Profile.first_name }}
	Segments map[string]bool   // {{ if .Segments.loyal }}
	Scores   map[string]int    // {{ .Scores.engagement }}
	Tiers    map[string]string // {{ if eq .Tiers.engagement "hot" }}
	Variants map[string]string // {{ if eq .Variants.subject_line "b" }}
	// Slots holds each slot's selected module, rendered: {{ .Slots.hero }}.
	Slots       map[string]any
	Now         time.Time
	Locale      string // the profile's locale, or the workspace default
	Subject     string // the rendered subject (in bodies)
	Preheader   string // the rendered preheader (in bodies)
	Unsubscribe string // the recipient's unsubscribe URL
	Campaign    string // tailor.yaml's name
}
