package message

import (
	"crypto/sha256"
	"encoding/hex"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/render"
)

// MIME is m ready for the MIME writer (package mime) and the SMTP sender,
// with its Message-ID (see ID).
func MIME(m *render.Message) *mime.Message {
	return &mime.Message{
		From: m.From, To: m.To, Subject: m.Subject, Preheader: m.Preheader, Date: m.Date,
		ListUnsubscribe: m.Unsubscribe, Text: m.Text, AMP: m.AMP, HTML: m.HTML,
		MessageID: ID(m),
	}
}

// AppendEML appends m as an .eml (RFC 5322 with a MIME
// multipart/alternative body) to dst. On error, a message the MIME writer
// refuses (an unusable address, say: a *mime.FieldError), dst is returned
// unchanged.
func AppendEML(dst []byte, m *render.Message) ([]byte, error) {
	return mime.Append(dst, MIME(m))
}

// noDomain is the right side of a Message-ID when the From domain is not
// ASCII (its ASCII form would need IDNA tables): a name reserved never to
// resolve (RFC 2606), as package mime uses.
const noDomain = "tailor.invalid"

// ID is the one Message-ID scheme (without angle brackets): the first 128
// bits of SHA-256 over the email's name, the recipient's ID and the date
// (UTC, nanoseconds), in hex, at the From address's domain (noDomain when
// that is not ASCII). It is stable, and distinct per (email, recipient,
// date), so two emails to one person in one run never share one. It is ""
// only when From is not an address, which the MIME writer refuses anyway.
// A message whose MessageID is set has that one.
func ID(m *render.Message) string {
	if m.MessageID != "" {
		return m.MessageID
	}
	addr, err := mail.ParseAddress(m.From)
	if err != nil {
		return ""
	}
	_, domain, _ := strings.Cut(addr.Address, "@") // net/mail wants one
	if !isASCII(domain) {
		domain = noDomain
	}
	sum := sha256.Sum256([]byte(m.Template + "\x00" + m.ID + "\x00" + m.Date.UTC().Format(time.RFC3339Nano)))
	return hex.EncodeToString(sum[:16]) + "@" + domain
}

// isASCII reports whether s, a domain net/mail parsed (so without spaces
// or controls), is ASCII, as the right side of a Message-ID must be.
func isASCII(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
