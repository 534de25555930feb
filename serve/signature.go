package serve

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// SignatureHeader carries a webhook's signature, "t=UNIX,v1=HEX": UNIX is
// when the sender signed, in seconds, and HEX is the HMAC-SHA256, under
// the event's secret, of "UNIX." followed by the raw body. Several v1
// entries may be given (one per secret while a secret is rotated); one
// match is enough.
const SignatureHeader = "X-Tailor-Signature"

// Signature is a parsed X-Tailor-Signature value.
type Signature struct {
	// Unix is the t entry: when the request was signed, in Unix seconds.
	Unix int64
	// V1 holds each v1 entry's MAC, 32 bytes each, in header order.
	V1 [][]byte
}

// errSignature is why a header does not parse; it never says more, so a
// caller learns nothing but "malformed".
var errSignature = errors.New("want t=UNIX,v1=HEX")

// Sign returns the X-Tailor-Signature value of body sent at t, with one v1
// entry per secret, in order.
func Sign(t time.Time, body []byte, secrets ...string) string {
	var b strings.Builder
	b.WriteString("t=" + strconv.FormatInt(t.Unix(), 10))
	for _, secret := range secrets {
		b.WriteString(",v1=" + hex.EncodeToString(signatureMAC(secret, t.Unix(), body)))
	}
	return b.String()
}

// ParseSignature reads an X-Tailor-Signature value: exactly one t entry (a
// decimal Unix time) and at least one v1 entry, each exactly 64 hex
// digits. Entries are separated by commas; entries under other names are
// ignored, so a later scheme can be sent beside v1.
func ParseSignature(header string) (Signature, error) {
	var sig Signature
	seenT := false
	for entry := range strings.SplitSeq(header, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(entry), "=")
		if !ok {
			return Signature{}, errSignature
		}
		switch key {
		case "t":
			unix, err := parseUnix(value)
			if err != nil || seenT {
				return Signature{}, errSignature
			}
			sig.Unix, seenT = unix, true
		case "v1":
			mac, err := hex.DecodeString(value)
			if err != nil || len(mac) != sha256.Size {
				return Signature{}, errSignature
			}
			sig.V1 = append(sig.V1, mac)
		}
	}
	if !seenT || len(sig.V1) == 0 {
		return Signature{}, errSignature
	}
	return sig, nil
}

// parseUnix reads digits only: no sign, no spaces, at most 18 of them.
func parseUnix(s string) (int64, error) {
	if s == "" || len(s) > 18 || !digits(s) {
		return 0, errSignature
	}
	return strconv.ParseInt(s, 10, 64)
}

// Match returns the v1 MAC that signs body at sig's time under secret, or
// nil when none does. Each comparison takes constant time.
func (sig Signature) Match(secret string, body []byte) []byte {
	want := signatureMAC(secret, sig.Unix, body)
	var match []byte
	for _, mac := range sig.V1 {
		if hmac.Equal(mac, want) && match == nil {
			match = mac
		}
	}
	return match
}

// Time is the t entry as a time.
func (sig Signature) Time() time.Time { return time.Unix(sig.Unix, 0) }

// signatureMAC is HMAC-SHA256(secret, "UNIX." + body).
func signatureMAC(secret string, unix int64, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(strconv.AppendInt(nil, unix, 10))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return mac.Sum(nil)
}
