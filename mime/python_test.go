package mime_test

import (
	"encoding/json"
	"fmt"
	stdmime "mime"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/mime/mimetest"
)

// TestPythonEmail parses every case with Python's email package
// (policy=email.policy.default) and compares it with the Message.
func TestPythonEmail(t *testing.T) {
	tcs := cases()
	msgs := make([]*mime.Message, len(tcs))
	for i, tc := range tcs {
		msgs[i] = tc.msg
	}
	got := runPython(t, msgs)
	for i, tc := range tcs {
		t.Run(tc.name, func(t *testing.T) { checkPython(t, tc.msg, got[i]) })
	}
}

// runPython writes msgs as .eml files and parses them all with Python
// (see mimetest.Python).
func runPython(t *testing.T, msgs []*mime.Message) []mimetest.PyMessage {
	t.Helper()
	dir := t.TempDir()
	files := make([]string, len(msgs))
	for i, m := range msgs {
		raw, err := mime.Append(nil, m)
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		files[i] = filepath.Join(dir, fmt.Sprintf("%03d.eml", i))
		if err := os.WriteFile(files[i], raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return mimetest.Python(t, files)
}

func checkPython(t *testing.T, msg *mime.Message, got mimetest.PyMessage) {
	if len(got.Defects) > 0 {
		t.Errorf("python found defects: %v", got.Defects)
	}
	if got.ContentType != "multipart/alternative" {
		t.Errorf("content type %q", got.ContentType)
	}
	if want := mime.CleanText(msg.Subject); got.Subject != want {
		t.Errorf("Subject = %q, want %q", got.Subject, want)
	}
	raw, err := mime.Append(nil, msg)
	if err != nil {
		t.Fatal(err)
	}
	hdr := readBack(t, raw).Header
	pyAddress(t, "From", got.From, msg.From, hdr.Get("From"))
	pyAddress(t, "To", got.To, msg.To, hdr.Get("To"))
	if d, err := time.Parse(time.RFC3339, got.Date); err != nil || !d.Equal(msg.Date) {
		t.Errorf("Date = %q (%v), want %v", got.Date, err, msg.Date)
	}
	if msg.MessageID != "" && got.MessageID != "<"+msg.MessageID+">" {
		t.Errorf("Message-ID = %q", got.MessageID)
	}
	if msg.ListUnsubscribe != "" && (got.ListUnsubscribe != "<"+msg.ListUnsubscribe+">" || got.ListUnsubscribePost != "List-Unsubscribe=One-Click") {
		t.Errorf("List-Unsubscribe = %q, Post = %q", got.ListUnsubscribe, got.ListUnsubscribePost)
	}
	for _, h := range []string{"Bcc", "X-Evil"} {
		for _, name := range got.Headers {
			if strings.EqualFold(name, h) {
				t.Errorf("header %s present", h)
			}
		}
	}
	want := mimetest.WantParts(msg)
	if len(got.Parts) != len(want) {
		t.Fatalf("%d parts, want %d", len(got.Parts), len(want))
	}
	for i, w := range want {
		g := got.Parts[i]
		if g.Type != w.MediaType || g.Charset != "utf-8" {
			t.Errorf("part %d: %s charset %s, want %s utf-8", i, g.Type, g.Charset, w.MediaType)
		}
		if mimetest.LF(g.Content) != mimetest.LF(w.Body) {
			t.Errorf("part %d (%s, %s) differs:\n got %.200q\nwant %.200q", i, g.Type, g.Encoding, mimetest.LF(g.Content), mimetest.LF(w.Body))
		}
	}
}

// pyAddress compares the address Python read with the one given. Python
// before the fix for CPython gh-128110 (PR #130749) keeps the whitespace
// between adjacent encoded-words in a display name, against RFC 2047 section
// 6.2; a long non-ASCII name needs several words, so for it the expected name
// is modelled on that bug: each encoded-word of the header decoded apart and
// joined with a space.
func pyAddress(t *testing.T, field string, raw json.RawMessage, in, header string) {
	t.Helper()
	got, err := mimetest.Address(raw)
	if err != nil {
		t.Errorf("%s: %v", field, err)
		return
	}
	want, err := mail.ParseAddress(in)
	if err != nil {
		t.Fatalf("test input %s: %v", field, err)
	}
	if got.Name != want.Name && got.Name == gh128110(t, header) {
		t.Logf("%s: Python's gh-128110 whitespace bug, name %q", field, got.Name)
		got.Name = want.Name
	}
	if got.Error != "" || got.Name != want.Name || got.Addr != want.Address {
		t.Errorf("%s = %q <%s> %s, want %q <%s>", field, got.Name, got.Addr, got.Error, want.Name, want.Address)
	}
}

// gh128110 decodes the encoded-words of header's display name one by one
// and joins them with spaces, as Python with that bug does. It returns ""
// when the name is not made of two or more encoded-words only.
func gh128110(t *testing.T, header string) string {
	name, _, ok := strings.Cut(header, " <")
	words := strings.Fields(name)
	if !ok || len(words) < 2 {
		return ""
	}
	var dec stdmime.WordDecoder
	for i, w := range words {
		d, err := dec.Decode(w)
		if err != nil {
			return ""
		}
		words[i] = d
	}
	return strings.Join(words, " ")
}
