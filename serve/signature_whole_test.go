package serve

import (
	"encoding/hex"
	"strings"
	"testing"
	"time"
)

// TestParseSignatureWantsWholeMACs: a v1 entry is exactly 64 hex digits,
// as ParseSignature documents; a shorter or longer one is malformed, not
// a MAC to compare, so neither layer alone decides that "v1=" is wrong.
func TestParseSignatureWantsWholeMACs(t *testing.T) {
	body := []byte(`{"profile":{"id":"c-1"}}`)
	goodHex := strings.TrimPrefix(Sign(time.Unix(1793696400, 0), body, "s3cret"), "t=1793696400,v1=")
	for _, v1 := range []string{"", goodHex[:2], goodHex[:62], goodHex + "00"} {
		header := "t=1793696400,v1=" + v1
		if sig, err := ParseSignature(header); err == nil {
			t.Errorf("ParseSignature(%q) = %+v, want an error", header, sig)
		}
	}
	sig, err := ParseSignature("t=1793696400,v1=" + goodHex)
	if err != nil || len(sig.V1) != 1 || hex.EncodeToString(sig.V1[0]) != goodHex {
		t.Fatalf("ParseSignature of a good header = %+v, %v", sig, err)
	}
}

// TestMatchNeedsTheWholeMAC: a Signature built by hand (V1 is exported)
// whose MACs are the first bytes of the right one, or empty, matches
// nothing; the right one, given after them, is the one returned.
func TestMatchNeedsTheWholeMAC(t *testing.T) {
	body := []byte(`{"profile":{"id":"c-1"}}`)
	good, err := ParseSignature(Sign(time.Unix(1793696400, 0), body, "s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	mac := good.V1[0]
	short := Signature{Unix: good.Unix, V1: [][]byte{nil, {}, mac[:1], mac[:16], mac[:31]}}
	if got := short.Match("s3cret", body); got != nil {
		t.Fatalf("a prefix of the MAC matched: %x", got)
	}
	short.V1 = append(short.V1, mac)
	if got := short.Match("s3cret", body); hex.EncodeToString(got) != hex.EncodeToString(mac) {
		t.Fatalf("Match = %x, want the whole MAC %x", got, mac)
	}
}

// TestParseSignatureTimeDigits: t is at most 18 decimal digits, so that
// it always fits an int64; 18 parse, 19 are malformed.
func TestParseSignatureTimeDigits(t *testing.T) {
	v1 := strings.Repeat("0", 64)
	sig, err := ParseSignature("t=100000000000000000,v1=" + v1)
	if err != nil || sig.Unix != 1e17 {
		t.Errorf("18 digits: %+v, %v", sig, err)
	}
	if _, err := ParseSignature("t=1000000000000000000,v1=" + v1); err == nil {
		t.Error("19 digits parsed")
	}
}
