package serve

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSignMatchesTheDocumentedScheme computes the header by hand, as a
// sender in another language would: HMAC-SHA256(secret, "UNIX." + body).
func TestSignMatchesTheDocumentedScheme(t *testing.T) {
	body := []byte(`{"profile":{"id":"c-1"}}`)
	at := time.Unix(1793696400, 0)
	mac := hmac.New(sha256.New, []byte("s3cret"))
	mac.Write([]byte("1793696400." + string(body)))
	want := "t=1793696400,v1=" + hex.EncodeToString(mac.Sum(nil))
	if got := Sign(at, body, "s3cret"); got != want {
		t.Fatalf("Sign = %s\nwant   %s", got, want)
	}
}

func TestSignatureMatch(t *testing.T) {
	body := []byte(`{"profile":{"id":"c-1"}}`)
	at := time.Unix(1793696400, 0)
	good := Sign(at, body, "s3cret")
	goodHex := strings.TrimPrefix(good, "t=1793696400,v1=")
	otherHex := strings.TrimPrefix(Sign(at, body, "other"), "t=1793696400,v1=")
	old := hmac.New(sha256.New, []byte("s3cret"))
	old.Write(body)
	oldForm := "sha256=" + hex.EncodeToString(old.Sum(nil)) // a valid signature before timestamps
	tests := []struct {
		name, header string
		ok           bool
	}{
		{"good", good, true},
		{"spaces around entries", " t=1793696400 , v1=" + goodHex + " ", true},
		{"upper-case hex", "t=1793696400,v1=" + strings.ToUpper(goodHex), true},
		{"rotated: old secret first", "t=1793696400,v1=" + otherHex + ",v1=" + goodHex, true},
		{"rotated: good secret first", "t=1793696400,v1=" + goodHex + ",v1=" + otherHex, true},
		{"another scheme beside v1 is ignored", "t=1793696400,v0=abc,v1=" + goodHex, true},
		{"empty header", "", false},
		{"empty v1", "t=1793696400,v1=", false},
		{"no v1", "t=1793696400", false},
		{"no t", "v1=" + goodHex, false},
		{"truncated by one byte", "t=1793696400,v1=" + goodHex[:62], false},
		{"truncated to one digit", "t=1793696400,v1=" + goodHex[:1], false},
		{"over-long", "t=1793696400,v1=" + goodHex + "00", false},
		{"odd length", "t=1793696400,v1=" + goodHex + "0", false},
		{"non-hex", "t=1793696400,v1=" + goodHex[:62] + "zz", false},
		{"wrong MAC", "t=1793696400,v1=" + strings.Repeat("0", 64), false},
		{"other secret", "t=1793696400,v1=" + otherHex, false},
		{"another time", "t=1793696401,v1=" + goodHex, false},
		{"two times", "t=1793696400,t=1793696400,v1=" + goodHex, false},
		{"signed time", "t=+1793696400,v1=" + goodHex, false},
		{"negative time", "t=-1,v1=" + goodHex, false},
		{"empty time", "t=,v1=" + goodHex, false},
		{"entry without =", "t=1793696400,v1=" + goodHex + ",junk", false},
		{"the old sha256= form", oldForm, false},
		{"the old form, empty", "sha256=", false},
		{"the old form beside a time", "t=1793696400," + oldForm, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sig, err := ParseSignature(tt.header)
			var mac []byte
			if err == nil {
				mac = sig.Match("s3cret", body)
			}
			if ok := mac != nil; ok != tt.ok {
				t.Fatalf("%q: matched %v (parse error %v), want %v", tt.header, ok, err, tt.ok)
			}
			if tt.ok && hex.EncodeToString(mac) != goodHex {
				t.Fatalf("matched MAC %x, want the good one %s", mac, goodHex)
			}
		})
	}
}

func TestSignatureOfAnotherBodyFails(t *testing.T) {
	at := time.Unix(1793696400, 0)
	sig, err := ParseSignature(Sign(at, []byte(`{"a":1}`), "s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{`{"a":1} `, `{"a":2}`, ``} {
		if sig.Match("s3cret", []byte(body)) != nil {
			t.Errorf("a signature of {\"a\":1} matches body %q", body)
		}
	}
}

func TestSignWithSeveralSecrets(t *testing.T) {
	at := time.Unix(1793696400, 0)
	body := []byte(`{}`)
	h := Sign(at, body, "old", "new")
	if n := strings.Count(h, ",v1="); n != 2 {
		t.Fatalf("%s: %d v1 entries, want 2", h, n)
	}
	sig, err := ParseSignature(h)
	if err != nil {
		t.Fatal(err)
	}
	for i, secret := range []string{"old", "new"} {
		if got := sig.Match(secret, body); fmt.Sprintf("%x", got) != fmt.Sprintf("%x", sig.V1[i]) {
			t.Errorf("secret %s matched %x, want v1 #%d", secret, got, i)
		}
	}
}

// TestDocumentedShellSignature runs the sig= line of docs/serve.md with
// sh and openssl, and checks it signs as Sign does.
func TestDocumentedShellSignature(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("no openssl on PATH")
	}
	doc, err := os.ReadFile(filepath.Join("..", "docs", "serve.md"))
	if err != nil {
		t.Fatal(err)
	}
	var line string
	for l := range strings.Lines(string(doc)) {
		if strings.HasPrefix(l, "sig=$(") {
			line = l
		}
	}
	if line == "" {
		t.Fatal("docs/serve.md has no sig=$(...) line")
	}
	body := `{"profile":{"id":"c-1","name":"Zoë \"Z\" 100%"},"event":{"total":42.5}}`
	cmd := exec.Command("sh", "-c", line+`printf '%s' "$sig"`)
	cmd.Env = append(os.Environ(), "t=1793696400", "body="+body, "SECRET=s3cret")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	want := Sign(time.Unix(1793696400, 0), []byte(body), "s3cret")
	if got := "t=1793696400,v1=" + string(out); got != want {
		t.Fatalf("the documented shell signs %s\nwant %s", got, want)
	}
}
