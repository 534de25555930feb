package mime

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// sender is a parsed From address.
type sender struct {
	raw       string // Message.From as given
	formatted string // re-formatted by net/mail
	domain    string // right side of derived Message-IDs
}

// sender parses a From address. The scratch keeps the last one: a batch
// uses one sender for every recipient, so this saves the parse on every
// call after the first that gets this scratch from the pool.
func (s *scratch) sender(raw string) (*sender, error) {
	if s.from != nil && s.from.raw == raw {
		return s.from, nil
	}
	a, err := parseAddress("From", raw)
	if err != nil {
		return nil, err
	}
	at := strings.LastIndexByte(a.Address, '@')
	s.from = &sender{raw: raw, formatted: a.String(), domain: idDomain(a.Address[at+1:])}
	return s.from, nil
}

// idDomain returns the lower-cased domain for a derived Message-ID, or
// "tailor.invalid" when the domain is not printable ASCII (an internationalized
// domain: converting it to punycode would need golang.org/x/text).
func idDomain(domain string) string {
	for i := 0; i < len(domain); i++ {
		if c := domain[i]; c <= ' ' || c > '~' || c == '<' || c == '>' || c == '@' {
			return "tailor.invalid"
		}
	}
	return strings.ToLower(domain)
}

// formatAddress parses raw and formats it back for the header named field.
func formatAddress(field, raw string) (string, error) {
	if s, ok := formatSimple(raw); ok {
		return s, nil
	}
	a, err := parseAddress(field, raw)
	if err != nil {
		return "", err
	}
	return a.String(), nil
}

func parseAddress(field, raw string) (*mail.Address, error) {
	if raw == "" {
		return nil, fieldErr(field, errors.New("empty address"))
	}
	if err := checkControl(raw); err != nil {
		return nil, fieldErr(field, err)
	}
	a, err := mail.ParseAddress(raw)
	if err != nil {
		return nil, fieldErr(field, fmt.Errorf("invalid address %q: %w", raw, err))
	}
	if !strings.Contains(a.Address, "@") {
		return nil, fieldErr(field, fmt.Errorf("invalid address %q: no domain", raw))
	}
	return a, nil
}

// appendAddressHeader appends "name: value" folded at 78 bytes, or at 998
// when an address is too long for that.
func appendAddressHeader(dst []byte, name, value string) ([]byte, error) {
	dst = append(dst, name...)
	dst = append(dst, ':')
	for _, limit := range [...]int{softLine, maxLine} {
		if out, ok := appendFolded(dst, len(name)+1, value, limit); ok {
			return append(out, '\r', '\n'), nil
		}
	}
	return dst, fieldErr(name, fmt.Errorf("address of %d bytes does not fit a header line", len(value)))
}

// messageID returns msg.MessageID after checking it, or derives one: the
// first 128 bits of SHA-256 over the length-prefixed From, To, cleaned
// Subject and Date (UTC, nanoseconds), in hex, at the From domain.
func (s *scratch) messageID(msg *Message, from *sender, subject string) (string, error) {
	if msg.MessageID != "" {
		return msg.MessageID, checkMessageID(msg.MessageID)
	}
	b := s.tmp[:0]
	for _, f := range [...]string{msg.From, msg.To, subject} {
		b = binary.BigEndian.AppendUint64(b, uint64(len(f)))
		b = append(b, f...)
	}
	b = msg.Date.UTC().AppendFormat(b, time.RFC3339Nano)
	sum := sha256.Sum256(b)
	s.tmp = b[:0]
	var id [32]byte
	hex.Encode(id[:], sum[:16])
	return string(id[:]) + "@" + from.domain, nil
}

// checkMessageID enforces a dot-atom-ish msg-id: printable ASCII without
// spaces or angle brackets, with text on both sides of one "@".
func checkMessageID(id string) error {
	if err := checkControl(id); err != nil {
		return fieldErr("MessageID", err)
	}
	at := strings.IndexByte(id, '@')
	if at <= 0 || at == len(id)-1 || strings.Count(id, "@") != 1 {
		return fieldErr("MessageID", fmt.Errorf("%q: want id-left@id-right", id))
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c > '~' || c == '<' || c == '>' {
			return fieldErr("MessageID", fmt.Errorf("%q: byte %d not allowed (give it without angle brackets)", id, i))
		}
	}
	if len(id) > maxLine-len("Message-ID: <>") {
		return fieldErr("MessageID", fmt.Errorf("%d bytes is too long", len(id)))
	}
	return nil
}

// formatSimple formats the common shapes "local@domain" and
// "Name Name <local@domain>" (ASCII letters and digits in single-spaced
// words) exactly as mail.ParseAddress then Address.String would, without
// their dozen allocations. ok is false for anything else, which takes the
// net/mail path.
func formatSimple(raw string) (s string, ok bool) {
	name, addr := "", raw
	if strings.HasSuffix(raw, ">") {
		i := strings.LastIndex(raw, " <")
		if i <= 0 {
			return "", false
		}
		name, addr = raw[:i], raw[i+2:len(raw)-1]
		if !isSimpleName(name) {
			return "", false
		}
	}
	at := strings.IndexByte(addr, '@')
	if at <= 0 || !isDotAtom(addr[:at], isLocalByte) || !isDotAtom(addr[at+1:], isDomainByte) {
		return "", false
	}
	if name == "" {
		return "<" + addr + ">", true
	}
	return `"` + name + `" <` + addr + ">", true
}

// isSimpleName reports whether name is words of ASCII letters and digits
// separated by single spaces.
func isSimpleName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == ' ' {
			if i == 0 || i == len(name)-1 || name[i-1] == ' ' {
				return false
			}
			continue
		}
		if !isAlnum(c) {
			return false
		}
	}
	return name != ""
}

// isDotAtom reports whether s is non-empty runs of ok bytes joined by single dots.
func isDotAtom(s string, ok func(byte) bool) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			if s[i-1] == '.' {
				return false
			}
			continue
		}
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isLocalByte(c byte) bool { return isAlnum(c) || c == '_' || c == '+' || c == '-' }

func isDomainByte(c byte) bool { return isAlnum(c) || c == '-' }
