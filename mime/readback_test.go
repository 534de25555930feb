package mime_test

import (
	"strings"
	"testing"

	"github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/mime/mimetest"
)

// readBack parses raw as Go's standard library sees it, decoding every part.
func readBack(t *testing.T, raw []byte) *mimetest.Parsed {
	t.Helper()
	p, err := mimetest.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkMessage compares a read-back message with msg field by field.
func checkMessage(t *testing.T, msg *mime.Message, got *mimetest.Parsed) {
	t.Helper()
	if d := mimetest.Diff(msg, got); d != nil {
		t.Error(strings.Join(d, "\n"))
	}
}

// checkLines fails when a line of raw is longer than its limit, does not
// end in CRLF or holds a bare CR or LF.
func checkLines(t *testing.T, raw []byte, headerMax, max int) {
	t.Helper()
	if d := mimetest.CheckLines(raw, headerMax, max); d != nil {
		t.Error(strings.Join(d, "\n"))
	}
}
