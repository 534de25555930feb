package mime_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	stdmime "mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/render/mime"
)

// parsed is a message read back with net/mail and mime/multipart.
type parsed struct {
	header mail.Header
	parts  []part
}

// part is one decoded body part.
type part struct {
	mediaType, charset, encoding, body string
}

// readBack parses raw as Go's standard library sees it, decoding every part.
func readBack(t *testing.T, raw []byte) parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail: %v", err)
	}
	mt, params, err := stdmime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q: %q, %v", m.Header.Get("Content-Type"), mt, err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	p := parsed{header: m.Header}
	for {
		mp, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("multipart: %v", err)
		}
		p.parts = append(p.parts, decodePart(t, mp))
	}
	return p
}

func decodePart(t *testing.T, mp *multipart.Part) part {
	t.Helper()
	mt, params, err := stdmime.ParseMediaType(mp.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("part Content-Type: %v", err)
	}
	pt := part{mediaType: mt, charset: params["charset"], encoding: mp.Header.Get("Content-Transfer-Encoding")}
	var r io.Reader
	switch pt.encoding {
	case "quoted-printable":
		r = quotedprintable.NewReader(mp)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, mp)
	default:
		t.Fatalf("part %s: unexpected encoding %q", mt, pt.encoding)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("part %s: decode %s: %v", mt, pt.encoding, err)
	}
	pt.body = string(b)
	return pt
}

// lf turns every line break (CRLF, CR, LF) into LF: on the wire bodies carry
// CRLF, so this is the form in which a field and its read-back must agree.
func lf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// wantParts lists the media types and bodies Write must produce for msg.
func wantParts(msg *mime.Message) []part {
	ps := []part{{mediaType: "text/plain", body: msg.Text}}
	if msg.AMP != "" {
		ps = append(ps, part{mediaType: "text/x-amp-html", body: msg.AMP})
	}
	return append(ps, part{mediaType: "text/html", body: msg.HTML})
}

// checkMessage compares a read-back message with msg field by field.
func checkMessage(t *testing.T, msg *mime.Message, got parsed) {
	t.Helper()
	var dec stdmime.WordDecoder
	subject, err := dec.DecodeHeader(got.header.Get("Subject"))
	if err != nil {
		t.Errorf("decode Subject: %v", err)
	}
	if want := mime.CleanText(msg.Subject); subject != want {
		t.Errorf("Subject = %q, want %q", subject, want)
	}
	checkAddress(t, "From", got.header.Get("From"), msg.From)
	checkAddress(t, "To", got.header.Get("To"), msg.To)
	if d, err := got.header.Date(); err != nil || !d.Equal(msg.Date) {
		t.Errorf("Date = %v (%v), want %v", d, err, msg.Date)
	}
	if msg.MessageID != "" && got.header.Get("Message-ID") != "<"+msg.MessageID+">" {
		t.Errorf("Message-ID = %q, want <%s>", got.header.Get("Message-ID"), msg.MessageID)
	}
	checkUnsubscribe(t, msg, got.header)
	for _, h := range msg.Headers {
		v, err := dec.DecodeHeader(got.header.Get(h[0]))
		if err != nil || v != strings.TrimSpace(h[1]) {
			t.Errorf("header %s = %q (%v), want %q", h[0], v, err, h[1])
		}
	}
	if v := got.header.Get("MIME-Version"); v != "1.0" {
		t.Errorf("MIME-Version = %q", v)
	}
	checkParts(t, wantParts(msg), got.parts)
}

func checkAddress(t *testing.T, field, got, raw string) {
	t.Helper()
	want, err := mail.ParseAddress(raw)
	if err != nil {
		t.Fatalf("test input %s %q: %v", field, raw, err)
	}
	a, err := mail.ParseAddress(got)
	if err != nil {
		t.Errorf("%s %q: %v", field, got, err)
		return
	}
	if a.Name != want.Name || a.Address != want.Address {
		t.Errorf("%s = %q <%s>, want %q <%s>", field, a.Name, a.Address, want.Name, want.Address)
	}
}

func checkUnsubscribe(t *testing.T, msg *mime.Message, h mail.Header) {
	t.Helper()
	lu, post := h.Get("List-Unsubscribe"), h.Get("List-Unsubscribe-Post")
	if msg.ListUnsubscribe == "" {
		if lu != "" || post != "" {
			t.Errorf("List-Unsubscribe %q / %q set without a URL", lu, post)
		}
		return
	}
	if lu != "<"+msg.ListUnsubscribe+">" || post != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe = %q, Post = %q", lu, post)
	}
}

func checkParts(t *testing.T, want, got []part) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d parts %v, want %d", len(got), mediaTypes(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.mediaType != w.mediaType || g.charset != "utf-8" {
			t.Errorf("part %d: %s; charset=%s, want %s; charset=utf-8", i, g.mediaType, g.charset, w.mediaType)
		}
		if lf(g.body) != lf(w.body) {
			t.Errorf("part %d (%s, %s) body differs:\n got %.200q\nwant %.200q", i, g.mediaType, g.encoding, lf(g.body), lf(w.body))
		}
	}
}

func mediaTypes(ps []part) []string {
	var s []string
	for _, p := range ps {
		s = append(s, p.mediaType)
	}
	return s
}

// checkLines fails when a line of raw is longer than max bytes (CRLF
// excluded) or ends without CRLF; headerMax applies to the header block.
func checkLines(t *testing.T, raw []byte, headerMax, max int) {
	t.Helper()
	inHeader := true
	for n, line := range bytes.SplitAfter(raw, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		if !bytes.HasSuffix(line, []byte("\r\n")) {
			t.Errorf("line %d does not end in CRLF: %.80q", n+1, line)
			continue
		}
		body := line[:len(line)-2]
		if bytes.ContainsAny(body, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %.80q", n+1, line)
		}
		limit := max
		if inHeader {
			limit = headerMax
		}
		if len(body) > limit {
			t.Errorf("line %d is %d bytes, limit %d: %.80q...", n+1, len(body), limit, body)
		}
		if len(body) == 0 {
			inHeader = false
		}
	}
}

func fmtParts(ps []part) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%s/%s ", p.mediaType, p.encoding)
	}
	return b.String()
}
