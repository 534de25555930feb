package batch

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/render"
)

// Line is one JSONL output record: DESIGN's contract for scripts.
type Line struct {
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
	Modules    map[string]string `json:"modules"`
	Variants   map[string]string `json:"variants"`
	RuleErrors []string          `json:"rule_errors,omitempty"`
	Error      string            `json:"error,omitempty"`
}

// NewLine builds the JSONL record of a result.
func NewLine(r Result) Line {
	if r.Err != nil {
		return Line{ID: r.ID, Template: r.Email, Error: Failure(r).Error}
	}
	m := r.Msg
	return Line{
		ID: m.ID, Template: m.Template, To: m.To, Subject: m.Subject, Preheader: m.Preheader,
		HTML: m.HTML, Text: m.Text, AMP: m.AMP, AMPDropped: m.AMPDropped, Segments: nonNil(m.Segments),
		Modules: m.Modules, Variants: m.Variants, RuleErrors: m.RuleErrors,
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// FailureRecord is one line of failures.jsonl.
type FailureRecord struct {
	Seq      int    `json:"seq"`
	ID       string `json:"id"`
	Template string `json:"template"`
	Source   string `json:"source"` // source:line of the recipient
	Error    string `json:"error"`
}

// Failure describes a failed result; the error names the recipient's
// source:line and ID, and the template position when there is one.
func Failure(r Result) FailureRecord {
	msg := r.Err.Error()
	var se *source.Error
	var de *DuplicateError
	if r.Record.Err == nil && !errors.As(r.Err, &se) && !errors.As(r.Err, &de) {
		msg = r.Email + ": " + msg
	}
	prefix := r.Record.Where()
	if r.ID != "" {
		prefix += " (recipient " + r.ID + ")"
	}
	return FailureRecord{Seq: r.Seq, ID: r.ID, Template: r.Email, Source: r.Record.Where(), Error: prefix + ": " + msg}
}

// marshalLine encodes v as one JSON line, leaving <, > and & readable.
func marshalLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// MIMEMessage converts a rendered message for the MIME writer. Its
// Message-ID is stable and distinct per (email, recipient, date), so two
// emails to one person in one run never share one.
func MIMEMessage(m *render.Message) *mime.Message {
	return &mime.Message{
		From: m.From, To: m.To, Subject: m.Subject, Preheader: m.Preheader, Date: m.Date,
		ListUnsubscribe: m.Unsubscribe, Text: m.Text, AMP: m.AMP, HTML: m.HTML,
		MessageID: messageID(m),
	}
}

func messageID(m *render.Message) string {
	addr, err := mail.ParseAddress(m.From)
	if err != nil || m.ID == "" {
		return "" // the writer derives one, or reports the bad From
	}
	_, domain, ok := strings.Cut(addr.Address, "@")
	if !ok || !isASCII(domain) {
		return ""
	}
	sum := sha256.Sum256([]byte(m.Template + "\x00" + m.ID + "\x00" + m.Date.UTC().Format(time.RFC3339Nano)))
	return fmt.Sprintf("%x", sum[:16]) + "@" + domain
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
