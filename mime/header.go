package mime

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tailor-email/tailor/internal/oneline"
)

const (
	maxLine    = 998 // RFC 5322 hard limit on a line, CRLF excluded
	softLine   = 78  // RFC 5322 recommended limit
	maxWordLen = 75  // RFC 2047 limit on one encoded-word
	maxName    = 76  // longest extra header name accepted, so "Name:" fits a line
	minBudget  = 24  // room for the first encoded-word after a long name
)

// CleanText returns s as Write puts it in the Subject: every run of control
// characters (C0 including CR, LF and tab, and DEL) becomes one space,
// invalid UTF-8 becomes U+FFFD, and leading and trailing spaces are removed.
// The engine applies the same rule (package internal/oneline) to the
// subject it reports elsewhere (JSONL), so both agree. It allocates only
// when s changes.
func CleanText(s string) string { return oneline.Clean(s) }

// checkControl returns ErrControl when s holds a control character.
func checkControl(s string) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return fmt.Errorf("byte %d (%q): %w", i, c, ErrControl)
		}
	}
	return nil
}

// appendUnstructured appends the header "name: value" CRLF, value being clean
// text. The value goes out as is, folded at single spaces, when it is printable
// ASCII that fits 78-byte lines and cannot be mistaken for an encoded-word;
// otherwise it is RFC 2047-encoded.
func appendUnstructured(dst []byte, name, value string) []byte {
	dst = append(dst, name...)
	dst = append(dst, ':')
	if value == "" {
		return append(dst, '\r', '\n')
	}
	if isRawSafe(value) {
		if out, ok := appendFolded(dst, len(name)+1, value, softLine); ok {
			return append(out, '\r', '\n')
		}
	}
	dst = append(dst, ' ')
	dst = appendEncodedWords(dst, value, softLine-len(name)-2)
	return append(dst, '\r', '\n')
}

// isRawSafe reports whether s is printable ASCII without "=?".
func isRawSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' {
			return false
		}
		if c == '=' && i+1 < len(s) && s[i+1] == '?' {
			return false
		}
	}
	return true
}

// appendFolded appends " " + value, breaking lines (CRLF SP) at single spaces
// so that no line exceeds limit; col is the length of the line so far. It
// folds only at a space between two non-spaces, because readers (Go's
// net/textproto among them) collapse the whitespace around a fold. It returns
// ok=false and dst unchanged when some line would still be too long.
func appendFolded(dst []byte, col int, value string, limit int) ([]byte, bool) {
	start := len(dst)
	first := true
	for value != "" {
		seg := value
		if i := nextFold(value); i >= 0 {
			seg, value = value[:i], value[i+1:]
		} else {
			value = ""
		}
		if !first && col+1+len(seg) > limit {
			dst = append(dst, '\r', '\n')
			col = 0
		}
		dst = append(dst, ' ')
		dst = append(dst, seg...)
		col += 1 + len(seg)
		first = false
		if col > limit {
			return dst[:start], false
		}
	}
	return dst, true
}

// nextFold returns the index of the first space in s that has a non-space on
// both sides, or -1.
func nextFold(s string) int {
	for i := 1; i < len(s)-1; i++ {
		if s[i] == ' ' && s[i-1] != ' ' && s[i+1] != ' ' {
			return i
		}
	}
	return -1
}

// appendEncodedWords appends s as UTF-8 RFC 2047 encoded-words, one per line,
// joined by CRLF SP. The first word is at most budget bytes long, the others
// at most 75. Words never split a rune. Q encoding is used unless more than a
// sixth of the bytes need escaping, where B is shorter.
//
// The standard library's mime.WordEncoder is not used: it leaves ASCII input
// untouched (so it cannot protect a literal "=?" or a 1,000-byte word), it
// does not know the first line is shorter, and it allocates per call.
func appendEncodedWords(dst []byte, s string, budget int) []byte {
	budget = max(min(budget, maxWordLen), minBudget)
	escaped := 0
	for i := 0; i < len(s); i++ {
		if !qSafe[s[i]] && s[i] != ' ' {
			escaped++
		}
	}
	if escaped*6 > len(s) {
		return appendBWords(dst, s, budget)
	}
	return appendQWords(dst, s, budget)
}

const wordOverhead = len("=?utf-8?q?") + len("?=")

// qSafe marks the bytes that stand for themselves in a Q encoded-word in any
// position, a display name included (RFC 2047 section 5, rule 3).
var qSafe = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "!*+-/" {
		t[c] = true
	}
	return t
}()

const upperHex = "0123456789ABCDEF"

func appendQWords(dst []byte, s string, budget int) []byte {
	dst = append(dst, "=?utf-8?q?"...)
	n := len("=?utf-8?q?")
	for len(s) > 0 {
		_, size := utf8.DecodeRuneInString(s)
		r := s[:size]
		s = s[size:]
		cost := 0
		for i := 0; i < len(r); i++ {
			if qSafe[r[i]] || r[i] == ' ' {
				cost++
			} else {
				cost += 3
			}
		}
		if n+cost+2 > budget && n > len("=?utf-8?q?") {
			dst = append(dst, "?=\r\n =?utf-8?q?"...)
			n, budget = len("=?utf-8?q?"), maxWordLen
		}
		for i := 0; i < len(r); i++ {
			switch c := r[i]; {
			case qSafe[c]:
				dst = append(dst, c)
			case c == ' ':
				dst = append(dst, '_')
			default:
				dst = append(dst, '=', upperHex[c>>4], upperHex[c&15])
			}
		}
		n += cost
	}
	return append(dst, "?="...)
}

func appendBWords(dst []byte, s string, budget int) []byte {
	for first := true; len(s) > 0; first = false {
		// The largest whole-rune prefix whose base64 fits the budget.
		end := 0
		for end < len(s) {
			_, size := utf8.DecodeRuneInString(s[end:])
			if wordOverhead+base64.StdEncoding.EncodedLen(end+size) > budget && end > 0 {
				break
			}
			end += size
		}
		if !first {
			dst = append(dst, "\r\n "...)
		}
		dst = append(dst, "=?utf-8?b?"...)
		dst = base64.StdEncoding.AppendEncode(dst, []byte(s[:end]))
		dst = append(dst, "?="...)
		s = s[end:]
		budget = maxWordLen
	}
	return dst
}

// appendListUnsubscribe appends the RFC 2369 / RFC 8058 pair when u is set.
func appendListUnsubscribe(dst []byte, u string) ([]byte, error) {
	if u == "" {
		return dst, nil
	}
	if err := checkControl(u); err != nil {
		return dst, fieldErr("ListUnsubscribe", err)
	}
	if strings.ContainsAny(u, " \t<>") {
		return dst, fieldErr("ListUnsubscribe", fmt.Errorf("%q: space or angle bracket in URL", u))
	}
	if host := urlHost(u); host == "" || strings.ContainsAny(host, "\"\\^`{|}") {
		return dst, fieldErr("ListUnsubscribe", fmt.Errorf("%q: want an absolute https URL", u))
	}
	if len("List-Unsubscribe: <>")+len(u) > maxLine {
		return dst, fieldErr("ListUnsubscribe", fmt.Errorf("URL of %d bytes is too long for a header line", len(u)))
	}
	// The URL stays on one line (up to 998 bytes): folding right after the
	// colon is legal but Python's email package then reads a leading space.
	dst = append(dst, "List-Unsubscribe: <"...)
	dst = append(dst, u...)
	return append(dst, ">\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"...), nil
}

// urlHost returns the authority of an http or https URL, or "" when u is
// not one. (url.Parse would allocate for every recipient's URL.)
func urlHost(u string) string {
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(u, "http://"); !ok {
			return ""
		}
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// reserved lists the header names Write sets itself.
var reserved = [...]string{
	"From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
	"Content-Transfer-Encoding", "List-Unsubscribe", "List-Unsubscribe-Post",
}

// appendExtraHeaders validates and appends Message.Headers.
func appendExtraHeaders(dst []byte, hs [][2]string) ([]byte, error) {
	for i, h := range hs {
		if err := checkFieldName(h[0]); err != nil {
			return dst, fieldErr(fmt.Sprintf("Headers[%d]", i), err)
		}
		if err := checkControl(h[1]); err != nil {
			return dst, fieldErr(fmt.Sprintf("Headers[%d]", i), fmt.Errorf("%s: %w", h[0], err))
		}
		dst = appendUnstructured(dst, h[0], cleanValue(h[1]))
	}
	return dst, nil
}

// cleanValue turns tabs into spaces, trims spaces and replaces invalid UTF-8,
// allocating only when something changes.
func cleanValue(v string) string {
	if strings.IndexByte(v, '\t') >= 0 {
		v = strings.ReplaceAll(v, "\t", " ")
	}
	v = strings.Trim(v, " ")
	if !utf8.ValidString(v) {
		v = strings.ToValidUTF8(v, "\uFFFD")
	}
	return v
}

var errFieldName = errors.New("not a valid header field name")

// checkFieldName enforces RFC 5322 field-name: 1*ftext, ftext being printable
// ASCII except ":", and refuses names Write sets itself.
func checkFieldName(name string) error {
	if name == "" || len(name) > maxName {
		return fmt.Errorf("%q: %w (1 to %d bytes)", name, errFieldName, maxName)
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c <= ' ' || c > '~' || c == ':' {
			return fmt.Errorf("%q: %w (byte %d)", name, errFieldName, i)
		}
	}
	for _, r := range reserved {
		if strings.EqualFold(name, r) {
			return fmt.Errorf("%q is set by Write itself", name)
		}
	}
	return nil
}
