package mime_test

import (
	"testing"

	"github.com/tailor-email/tailor/mime"
)

// FuzzWrite checks, for any subject and bodies, that the message parses back
// to the same subject and parts and keeps every line within the limits. The
// seed corpus runs as a unit test; `go test -fuzz FuzzWrite ./mime/`
// explores further.
func FuzzWrite(f *testing.F) {
	for _, tc := range cases() {
		f.Add(tc.msg.Subject, tc.msg.Text, tc.msg.HTML, tc.msg.AMP)
	}
	f.Add("=?", " \r", "=\r\n=", "\t\n")
	f.Add("\xf0\x9f\x8e", "a \r\r\n", "\x00\xff", "")
	f.Fuzz(func(t *testing.T, subject, text, html, amp string) {
		m := base()
		m.Subject, m.Text, m.HTML, m.AMP = subject, text, html, amp
		raw, err := mime.Append(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, raw, 998, 76)
		checkMessage(t, m, readBack(t, raw))
	})
}
