package mime_test

import (
	"encoding/json"
	"fmt"
	stdmime "mime"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/mime/mimetest"
)

// pyMessage is what testdata/parse_eml.py prints for one file.
type pyMessage struct {
	ContentType         string            `json:"content_type"`
	Subject             string            `json:"subject"`
	From, To            map[string]string `json:"-"`
	FromRaw             json.RawMessage   `json:"from"`
	ToRaw               json.RawMessage   `json:"to"`
	Date                string            `json:"date"`
	MessageID           string            `json:"message_id"`
	ListUnsubscribe     string            `json:"list_unsubscribe"`
	ListUnsubscribePost string            `json:"list_unsubscribe_post"`
	Headers             []string          `json:"headers"`
	Defects             []string          `json:"defects"`
	Parts               []struct {
		Type, Charset, Encoding, Content string
	} `json:"parts"`
}

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

// runPython writes msgs as .eml files and parses them all with one run of
// testdata/parse_eml.py. It skips the test when python3 is not on PATH.
func runPython(t *testing.T, msgs []*mime.Message) []pyMessage {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH: skipping the Python email cross-check")
	}
	dir := t.TempDir()
	args := []string{filepath.Join("testdata", "parse_eml.py")}
	for i, m := range msgs {
		raw, err := mime.Append(nil, m)
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		p := filepath.Join(dir, fmt.Sprintf("%03d.eml", i))
		if err := os.WriteFile(p, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	out, err := exec.Command(py, args...).Output()
	if err != nil {
		t.Fatalf("python3 parse_eml.py: %v\n%s", err, stderrOf(err))
	}
	var got []pyMessage
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("parse_eml.py output: %v", err)
	}
	if len(got) != len(msgs) {
		t.Fatalf("python parsed %d messages, want %d", len(got), len(msgs))
	}
	return got
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

func checkPython(t *testing.T, msg *mime.Message, got pyMessage) {
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
	pyAddress(t, "From", got.FromRaw, msg.From, hdr.Get("From"))
	pyAddress(t, "To", got.ToRaw, msg.To, hdr.Get("To"))
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
	var got struct{ Name, Addr, Error string }
	if err := json.Unmarshal(raw, &got); err != nil {
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
