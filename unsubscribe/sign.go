package unsubscribe

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
)

// Path is where tailor serve answers unsubscribe URLs.
const Path = "/v1/unsubscribe"

// KeyName is the name of the store's secret that signs the URLs.
const KeyName = "unsubscribe"

// Signer signs and checks the URLs of one key.
type Signer struct{ key []byte }

// NewSigner returns a Signer with key (at least 16 bytes).
func NewSigner(key []byte) (Signer, error) {
	if len(key) < 16 {
		return Signer{}, errors.New("unsubscribe: key shorter than 16 bytes")
	}
	return Signer{key: key}, nil
}

// Sign is the signature of (id, list): 32 hex digits of the HMAC.
func (s Signer) Sign(id, list string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(id))
	m.Write([]byte{0})
	m.Write([]byte(list))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// Valid says whether sig is the signature of (id, list), in constant time.
func (s Signer) Valid(id, list, sig string) bool {
	return hmac.Equal([]byte(s.Sign(id, list)), []byte(strings.ToLower(sig)))
}

// URL is the signed unsubscribe URL of (id, list) at base, the server's
// origin such as https://mail.example.com (a path it has comes first).
func (s Signer) URL(base, id, list string) string {
	q := url.Values{"id": {id}, "list": {list}, "sig": {s.Sign(id, list)}}
	return strings.TrimRight(base, "/") + Path + "?" + q.Encode()
}

// Params are what an unsubscribe URL's query carries.
type Params struct{ ID, List, Sig string }

// ParamsOf reads them from a URL's query.
func ParamsOf(q url.Values) Params {
	return Params{ID: q.Get("id"), List: q.Get("list"), Sig: q.Get("sig")}
}

// Base is the origin (scheme://host) of the URL template tailor.yaml's
// unsubscribe: gives, the default base of signed URLs; "" when the
// template does not start with one.
func Base(template string) string {
	head, _, _ := strings.Cut(template, "{{")
	u, err := url.Parse(strings.TrimSpace(head))
	if err != nil || u.Scheme == "" || u.Host == "" || u.Scheme != "https" && u.Scheme != "http" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
