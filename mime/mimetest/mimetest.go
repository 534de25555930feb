package mimetest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	stdmime "mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"

	"github.com/tailor-email/tailor/mime"
)

// Parsed is a message as the standard library reads it.
type Parsed struct {
	// Header holds the raw (still RFC 2047-encoded) header fields.
	Header mail.Header
	// Parts are the leaves of the multipart/alternative body, in order.
	Parts []Part
}

// Part is one decoded body part.
type Part struct {
	MediaType, Charset, Encoding string
	// Body is the decoded content; line breaks are CRLF as on the wire.
	Body string
}

// Parse reads raw with net/mail and mime/multipart and decodes every part.
func Parse(raw []byte) (*Parsed, error) {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("net/mail: %w", err)
	}
	mt, params, err := stdmime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("Content-Type %q: %w", m.Header.Get("Content-Type"), err)
	}
	if mt != "multipart/alternative" {
		return nil, fmt.Errorf("Content-Type is %s, want multipart/alternative", mt)
	}
	p := &Parsed{Header: m.Header}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		mp, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			return p, nil
		}
		if err != nil {
			return nil, fmt.Errorf("multipart part %d: %w", len(p.Parts)+1, err)
		}
		part, err := decodePart(mp)
		if err != nil {
			return nil, fmt.Errorf("multipart part %d: %w", len(p.Parts)+1, err)
		}
		p.Parts = append(p.Parts, part)
	}
}

func decodePart(mp *multipart.Part) (Part, error) {
	mt, params, err := stdmime.ParseMediaType(mp.Header.Get("Content-Type"))
	if err != nil {
		return Part{}, fmt.Errorf("Content-Type: %w", err)
	}
	pt := Part{MediaType: mt, Charset: params["charset"], Encoding: mp.Header.Get("Content-Transfer-Encoding")}
	var r io.Reader
	switch pt.Encoding {
	case "quoted-printable":
		r = quotedprintable.NewReader(mp)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, mp)
	default:
		return Part{}, fmt.Errorf("%s: unexpected Content-Transfer-Encoding %q", mt, pt.Encoding)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return Part{}, fmt.Errorf("%s: decode %s: %w", mt, pt.Encoding, err)
	}
	pt.Body = string(b)
	return pt, nil
}

// LF turns every line break (CRLF, CR, LF) into LF. Bodies travel with CRLF,
// so a field and its read-back agree byte for byte in this form.
func LF(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// WantParts lists the parts mime.Write produces for msg: media type and body.
func WantParts(msg *mime.Message) []Part {
	ps := []Part{{MediaType: "text/plain", Body: msg.Text}}
	if msg.AMP != "" {
		ps = append(ps, Part{MediaType: "text/x-amp-html", Body: msg.AMP})
	}
	return append(ps, Part{MediaType: "text/html", Body: msg.HTML})
}

// Diff compares p with the Message it was written from and returns one line
// per difference: Subject (decoded), From, To, Date, Message-ID (when given),
// the List-Unsubscribe pair, extra headers, MIME-Version and every part.
// It returns nil when they agree.
func Diff(msg *mime.Message, p *Parsed) []string {
	var d differ
	var dec stdmime.WordDecoder
	subject, err := dec.DecodeHeader(p.Header.Get("Subject"))
	d.check(err == nil && subject == mime.CleanText(msg.Subject), "Subject = %q (%v), want %q", subject, err, mime.CleanText(msg.Subject))
	d.address("From", p.Header.Get("From"), msg.From)
	d.address("To", p.Header.Get("To"), msg.To)
	date, err := p.Header.Date()
	d.check(err == nil && date.Equal(msg.Date), "Date = %v (%v), want %v", date, err, msg.Date)
	if msg.MessageID != "" {
		d.check(p.Header.Get("Message-ID") == "<"+msg.MessageID+">", "Message-ID = %q, want <%s>", p.Header.Get("Message-ID"), msg.MessageID)
	}
	d.unsubscribe(msg.ListUnsubscribe, p.Header)
	for _, h := range msg.Headers {
		v, err := dec.DecodeHeader(p.Header.Get(h[0]))
		d.check(err == nil && v == strings.TrimSpace(h[1]), "header %s = %q (%v), want %q", h[0], v, err, h[1])
	}
	d.check(p.Header.Get("MIME-Version") == "1.0", "MIME-Version = %q", p.Header.Get("MIME-Version"))
	d.parts(WantParts(msg), p.Parts)
	return d.diffs
}

type differ struct{ diffs []string }

func (d *differ) check(ok bool, format string, args ...any) {
	if !ok {
		d.diffs = append(d.diffs, fmt.Sprintf(format, args...))
	}
}

func (d *differ) address(field, got, raw string) {
	want, err := mail.ParseAddress(raw)
	if err != nil {
		d.check(false, "%s: the Message's own address %q does not parse: %v", field, raw, err)
		return
	}
	a, err := mail.ParseAddress(got)
	if err != nil {
		d.check(false, "%s %q: %v", field, got, err)
		return
	}
	d.check(a.Name == want.Name && a.Address == want.Address, "%s = %q <%s>, want %q <%s>", field, a.Name, a.Address, want.Name, want.Address)
}

func (d *differ) unsubscribe(url string, h mail.Header) {
	lu, post := h.Get("List-Unsubscribe"), h.Get("List-Unsubscribe-Post")
	if url == "" {
		d.check(lu == "" && post == "", "List-Unsubscribe %q / %q set without a URL", lu, post)
		return
	}
	d.check(lu == "<"+url+">" && post == "List-Unsubscribe=One-Click", "List-Unsubscribe = %q, Post = %q", lu, post)
}

func (d *differ) parts(want, got []Part) {
	if len(got) != len(want) {
		d.check(false, "%d parts %v, want %d %v", len(got), mediaTypes(got), len(want), mediaTypes(want))
		return
	}
	for i, w := range want {
		g := got[i]
		d.check(g.MediaType == w.MediaType && g.Charset == "utf-8", "part %d: %s; charset=%s, want %s; charset=utf-8", i, g.MediaType, g.Charset, w.MediaType)
		d.check(LF(g.Body) == LF(w.Body), "part %d (%s, %s) body differs:\n got %.200q\nwant %.200q", i, g.MediaType, g.Encoding, LF(g.Body), LF(w.Body))
	}
}

func mediaTypes(ps []Part) []string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.MediaType
	}
	return s
}

// CheckLines returns a difference for every line of raw that does not end in
// CRLF, holds a bare CR or LF, or is longer than headerMax bytes in the
// header block or bodyMax after it (CRLF excluded).
func CheckLines(raw []byte, headerMax, bodyMax int) []string {
	var d differ
	inHeader := true
	for n, line := range bytes.SplitAfter(raw, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		if !bytes.HasSuffix(line, []byte("\r\n")) {
			d.check(false, "line %d does not end in CRLF: %.80q", n+1, line)
			continue
		}
		body := line[:len(line)-2]
		d.check(!bytes.ContainsAny(body, "\r\n"), "line %d holds a bare CR or LF: %.80q", n+1, line)
		limit := bodyMax
		if inHeader {
			limit = headerMax
		}
		d.check(len(body) <= limit, "line %d is %d bytes, limit %d: %.80q...", n+1, len(body), limit, body)
		if len(body) == 0 {
			inHeader = false
		}
	}
	return d.diffs
}
