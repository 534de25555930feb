package mimetest

import (
	_ "embed"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

//go:embed parse_eml.py
var parseEML []byte

// PyMessage is what Python's email package (policy=email.policy.default)
// reads from one .eml file, as parse_eml.py prints it.
type PyMessage struct {
	ContentType         string          `json:"content_type"`
	Subject             string          `json:"subject"`
	From                json.RawMessage `json:"from"` // {"name", "addr", "error"}
	To                  json.RawMessage `json:"to"`
	Date                string          `json:"date"`
	MessageID           string          `json:"message_id"`
	ListUnsubscribe     string          `json:"list_unsubscribe"`
	ListUnsubscribePost string          `json:"list_unsubscribe_post"`
	Headers             []string        `json:"headers"`
	Defects             []string        `json:"defects"`
	Parts               []struct {
		Type, Charset, Encoding, Content string
	} `json:"parts"`
}

// PyAddress is an address field of a PyMessage.
type PyAddress struct{ Name, Addr, Error string }

// Address decodes an address field of a PyMessage (From or To).
func Address(raw json.RawMessage) (PyAddress, error) {
	var a PyAddress
	err := json.Unmarshal(raw, &a)
	return a, err
}

// Python parses the .eml files with one run of parse_eml.py and returns
// what it read of each, in order. It skips the test when python3 is not
// on PATH.
func Python(t testing.TB, files []string) []PyMessage {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH: skipping the Python email cross-check")
	}
	script := filepath.Join(t.TempDir(), "parse_eml.py")
	if err := os.WriteFile(script, parseEML, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, append([]string{script}, files...)...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("python3 parse_eml.py: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("python3 parse_eml.py: %v", err)
	}
	var got []PyMessage
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("parse_eml.py output: %v", err)
	}
	if len(got) != len(files) {
		t.Fatalf("python parsed %d messages, want %d", len(got), len(files))
	}
	return got
}
