package mime_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/mime"
)

var testDate = time.Date(2026, 11, 29, 6, 0, 0, 0, time.FixedZone("CET", 3600))

// base returns a small valid message; cases change what they test.
func base() *mime.Message {
	return &mime.Message{
		From:    "Tailor Shop <hello@shop.example>",
		To:      "Ada Lovelace <ada@example.com>",
		Subject: "Your weekly picks",
		Date:    testDate,
		Text:    "Hi Ada,\n\nHere are your picks.\n",
		HTML:    "<html><body><p>Hi Ada,</p><p>Here are your picks.</p></body></html>\n",
	}
}

// cases are the messages every read-back test runs on.
func cases() []struct {
	name string
	msg  *mime.Message
} {
	with := func(f func(m *mime.Message)) *mime.Message { m := base(); f(m); return m }
	long := strings.Repeat("word ", 60)
	return []struct {
		name string
		msg  *mime.Message
	}{
		{"ascii", base()},
		{"non-ascii subject", with(func(m *mime.Message) { m.Subject = "Grüße aus München, José! 🎉" })},
		{"cjk subject uses B", with(func(m *mime.Message) {
			m.Subject = "今週のおすすめ商品をお届けします。限定セールは日曜日まで！"
		})},
		{"long ascii subject", with(func(m *mime.Message) { m.Subject = "Weekly: " + long })},
		{"long non-ascii subject", with(func(m *mime.Message) { m.Subject = strings.Repeat("Ünïcödé wörds ", 30) })},
		{"one 1200-byte word", with(func(m *mime.Message) { m.Subject = strings.Repeat("x", 1200) })},
		{"double spaces", with(func(m *mime.Message) { m.Subject = "a  b   c " + long })},
		{"literal encoded-word", with(func(m *mime.Message) { m.Subject = "use =?utf-8?q?x?= literally" })},
		{"no AMP", base()},
		{"with AMP", with(func(m *mime.Message) {
			m.AMP = "<!doctype html><html ⚡4email data-css-strict><head><meta charset=\"utf-8\"></head><body>Hi</body></html>\n"
		})},
		{"list-unsubscribe", with(func(m *mime.Message) {
			m.ListUnsubscribe = "https://shop.example/unsubscribe?u=ada%40example.com&t=0123456789abcdef"
		})},
		{"message-id given", with(func(m *mime.Message) { m.MessageID = "weekly.ada.20261129@shop.example" })},
		{"hostile subject", with(func(m *mime.Message) { m.Subject = "Hi\r\nBcc: victim@x\r\n\r\nbody" })},
		{"subject with tabs and edges", with(func(m *mime.Message) { m.Subject = " \tHi\t there \x00" })},
		{"empty subject", with(func(m *mime.Message) { m.Subject = "" })},
		{"non-ascii names", with(func(m *mime.Message) {
			m.From = "Bäckerei Müller (Zürich) <hallo@baeckerei.example>"
			m.To = "\"Łukasz Żółć\" <lukasz@example.pl>"
		})},
		{"long display name", with(func(m *mime.Message) { m.To = strings.Repeat("Ölaf ", 40) + "<olaf@example.com>" })},
		{"bare address", with(func(m *mime.Message) { m.To = "bob@example.com" })},
		{"extra headers", with(func(m *mime.Message) {
			m.Headers = [][2]string{{"X-Campaign", "weekly-2026-48"}, {"X-Tailor-Segments", "loyal vip"}, {"Reply-To", "care@shop.example"}, {"X-Note", "naïve"}}
		})},
		{"5000-byte single-line html", with(func(m *mime.Message) {
			m.HTML = "<p>" + strings.Repeat("<span class=\"x\">abc = def</span>", 160)[:5000] + "</p>"
		})},
		{"long non-ascii text (base64)", with(func(m *mime.Message) {
			m.Text = strings.Repeat("Привет, это длинный текст без переводов строки. ", 120)
		})},
		{"long mixed text (qp)", with(func(m *mime.Message) {
			m.Text = strings.Repeat("Grüße — ", 10) + strings.Repeat("plain ascii words ", 300)
		})},
		{"crlf and cr in bodies", with(func(m *mime.Message) { m.Text = "a\r\nb\rc\n\nd"; m.HTML = "<p>x</p>\r\n" })},
		{"trailing spaces and dots", with(func(m *mime.Message) { m.Text = "line with trailing space \n.\n.leading dot\nFrom the start\t\nend " })},
		{"empty bodies", with(func(m *mime.Message) { m.Text, m.HTML = "", "" })},
	}
}

func TestWriteReadBack(t *testing.T) {
	for _, tc := range cases() {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := mime.Write(&buf, tc.msg); err != nil {
				t.Fatal(err)
			}
			raw := buf.Bytes()
			checkLines(t, raw, 998, 76)
			got := readBack(t, raw)
			checkMessage(t, tc.msg, got)
			again, err := mime.Append(nil, tc.msg)
			if err != nil || !bytes.Equal(again, raw) {
				t.Errorf("second render differs (err %v): output is not deterministic", err)
			}
		})
	}
}

// TestHeaderLines78 checks that headers stay within 78 bytes where the
// content allows. Only the List-Unsubscribe URL may be longer.
func TestHeaderLines78(t *testing.T) {
	for _, tc := range cases() {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := mime.Append(nil, tc.msg)
			if err != nil {
				t.Fatal(err)
			}
			head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
			if tc.msg.ListUnsubscribe != "" {
				// The URL is one unfoldable token: drop its line.
				lines := bytes.Split(head, []byte("\r\n"))
				head = head[:0:0]
				for _, l := range lines {
					if !bytes.HasPrefix(l, []byte("List-Unsubscribe: <")) {
						head = append(append(head, l...), "\r\n"...)
					}
				}
				checkLines(t, head, 78, 78)
				return
			}
			checkLines(t, append(head, "\r\n"...), 78, 78)
		})
	}
}

func TestHostileSubjectStaysInSubject(t *testing.T) {
	m := base()
	m.Subject = "Hi\r\nBcc: victim@x\nX-Evil: 1\r\rContent-Type: text/plain"
	raw, err := mime.Append(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	got := readBack(t, raw)
	for _, h := range []string{"Bcc", "X-Evil"} {
		if v := got.Header.Get(h); v != "" {
			t.Errorf("header %s = %q injected", h, v)
		}
	}
	if s := got.Header.Get("Subject"); s != "Hi Bcc: victim@x X-Evil: 1 Content-Type: text/plain" {
		t.Errorf("Subject = %q", s)
	}
}

func TestDerivedMessageID(t *testing.T) {
	id := func(m *mime.Message) string {
		raw, err := mime.Append(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		return readBack(t, raw).Header.Get("Message-ID")
	}
	first := id(base())
	if !strings.HasPrefix(first, "<") || !strings.HasSuffix(first, "@shop.example>") || len(first) != len("<@shop.example>")+32 {
		t.Fatalf("Message-ID = %q, want <32 hex>@shop.example", first)
	}
	if again := id(base()); again != first {
		t.Errorf("same message, Message-ID %q then %q", first, again)
	}
	changes := map[string]func(*mime.Message){
		"To":      func(m *mime.Message) { m.To = "bob@example.com" },
		"Subject": func(m *mime.Message) { m.Subject = "Other" },
		"Date":    func(m *mime.Message) { m.Date = m.Date.Add(time.Second) },
		"From":    func(m *mime.Message) { m.From = "Other <hello@shop.example>" },
	}
	for field, change := range changes {
		m := base()
		change(m)
		if other := id(m); other == first {
			t.Errorf("changing %s kept Message-ID %s", field, first)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name    string
		change  func(m *mime.Message)
		field   string
		control bool
	}{
		{"crlf in To", func(m *mime.Message) { m.To = "ada@example.com\r\nBcc: victim@x" }, "To", true},
		{"lf in From name", func(m *mime.Message) { m.From = "Shop\n <hello@shop.example>" }, "From", true},
		{"invalid To", func(m *mime.Message) { m.To = "not an address" }, "To", false},
		{"empty From", func(m *mime.Message) { m.From = "" }, "From", false},
		{"two addresses", func(m *mime.Message) { m.To = "a@x.example, b@x.example" }, "To", false},
		{"zero date", func(m *mime.Message) { m.Date = time.Time{} }, "Date", false},
		{"id with brackets", func(m *mime.Message) { m.MessageID = "<a@b>" }, "MessageID", false},
		{"id without @", func(m *mime.Message) { m.MessageID = "abc" }, "MessageID", false},
		{"id with crlf", func(m *mime.Message) { m.MessageID = "a@b\r\nBcc: x" }, "MessageID", true},
		{"unsubscribe crlf", func(m *mime.Message) { m.ListUnsubscribe = "https://x.example/u\r\nBcc: x" }, "ListUnsubscribe", true},
		{"unsubscribe mailto", func(m *mime.Message) { m.ListUnsubscribe = "mailto:u@x.example" }, "ListUnsubscribe", false},
		{"unsubscribe relative", func(m *mime.Message) { m.ListUnsubscribe = "/unsubscribe" }, "ListUnsubscribe", false},
		{"unsubscribe angle", func(m *mime.Message) { m.ListUnsubscribe = "https://x.example/u>, <https://evil" }, "ListUnsubscribe", false},
		{"header value crlf", func(m *mime.Message) { m.Headers = [][2]string{{"X-A", "1"}, {"X-B", "2\r\nBcc: x"}} }, "Headers[1]", true},
		{"header name colon", func(m *mime.Message) { m.Headers = [][2]string{{"X-A: b", "1"}} }, "Headers[0]", false},
		{"header name space", func(m *mime.Message) { m.Headers = [][2]string{{"X A", "1"}} }, "Headers[0]", false},
		{"header name empty", func(m *mime.Message) { m.Headers = [][2]string{{"", "1"}} }, "Headers[0]", false},
		{"header name non-ascii", func(m *mime.Message) { m.Headers = [][2]string{{"X-Ü", "1"}} }, "Headers[0]", false},
		{"reserved header", func(m *mime.Message) { m.Headers = [][2]string{{"content-type", "text/plain"}} }, "Headers[0]", false},
		{"reserved subject", func(m *mime.Message) { m.Headers = [][2]string{{"Subject", "again"}} }, "Headers[0]", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := base()
			tt.change(m)
			var buf bytes.Buffer
			err := mime.Write(&buf, m)
			var fe *mime.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FieldError", err)
			}
			if fe.Field != tt.field {
				t.Errorf("Field = %q, want %q (%v)", fe.Field, tt.field, err)
			}
			if errors.Is(err, mime.ErrControl) != tt.control {
				t.Errorf("errors.Is(err, ErrControl) = %v, want %v (%v)", !tt.control, tt.control, err)
			}
			if !strings.Contains(err.Error(), tt.field) {
				t.Errorf("error %q does not name %s", err, tt.field)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes despite the error", buf.Len())
			}
		})
	}
}

func TestAppendKeepsDstOnError(t *testing.T) {
	m := base()
	m.To = "bad"
	dst := []byte("prefix")
	out, err := mime.Append(dst, m)
	if err == nil || string(out) != "prefix" {
		t.Fatalf("Append = %q, %v; want dst unchanged and an error", out, err)
	}
	m = base()
	out, err = mime.Append(dst, m)
	if err != nil || !bytes.HasPrefix(out, []byte("prefixFrom: ")) {
		t.Fatalf("Append = %.40q, %v; want the message after the prefix", out, err)
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"", ""},
		{"Hi\r\nBcc: x", "Hi Bcc: x"},
		{"a\tb", "a b"},
		{"  edges  ", "edges"},
		{"\x00\x01lead", "lead"},
		{"trail\x7f", "trail"},
		{"keep  inner  spaces", "keep  inner  spaces"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"Grüße\n\n\nJosé", "Grüße José"},
		{"\u00a0nbsp kept\u00a0", "\u00a0nbsp kept\u00a0"},
	}
	for _, tt := range tests {
		if got := mime.CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

type failWriter struct{}

var errDisk = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDisk }

func TestWriteWrapsWriterError(t *testing.T) {
	if err := mime.Write(failWriter{}, base()); !errors.Is(err, errDisk) {
		t.Fatalf("err = %v, want it to wrap %v", err, errDisk)
	}
}

func TestPartEncodingChoice(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"plain ascii", "quoted-printable"},
		{"Grüße aus München, wir haben neue Angebote für Sie.", "quoted-printable"},
		{"Привет, мир", "base64"},
		{"今週のおすすめ", "base64"},
	}
	for _, tt := range tests {
		m := base()
		m.Text = tt.text
		raw, err := mime.Append(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		got := readBack(t, raw)
		if enc := got.Parts[0].Encoding; enc != tt.want {
			t.Errorf("text %q: encoding %s, want %s", tt.text, enc, tt.want)
		}
		if got.Parts[0].Body != tt.text {
			t.Errorf("text %q read back as %q", tt.text, got.Parts[0].Body)
		}
	}
}
