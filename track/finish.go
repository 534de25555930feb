package track

import (
	"net/url"
	"strings"

	"github.com/tailor-email/tailor/workspace"
)

// LinkPrefix is what the link helper writes before a wrapped target,
// QueryEscaped; "" when clicks are not tracked.
func (s Settings) LinkPrefix() string {
	if !s.Clicks {
		return ""
	}
	return s.Base + ClickPath + workspace.ClickPlaceholder + "?u="
}

// Finisher gives one message its tracking URLs.
type Finisher struct {
	Settings
	// Signer signs the URLs; nil unwraps each link to its target and
	// adds no pixel (no store to keep the key and the outcomes).
	Signer *Signer
	// MessageID is the message's Message-ID, without angle brackets.
	MessageID string
}

// Links replaces each link the link helper wrapped in part with the
// signed click URL of the message, or, without a signer, its target.
// The part may be HTML, text or a JSON string of either: the wrapped
// form holds no character those escape.
func (f Finisher) Links(part string) string {
	prefix := f.LinkPrefix()
	if prefix == "" || !strings.Contains(part, prefix) {
		return part
	}
	var b strings.Builder
	for {
		i := strings.Index(part, prefix)
		if i < 0 {
			b.WriteString(part)
			return b.String()
		}
		b.WriteString(part[:i])
		part = part[i+len(prefix):]
		n := strings.IndexFunc(part, func(r rune) bool { return !queryChar(r) })
		if n < 0 {
			n = len(part)
		}
		esc := part[:n]
		part = part[n:]
		target, err := url.QueryUnescape(esc)
		switch {
		case err != nil:
			b.WriteString(prefix + esc) // not one link wrote
		case f.Signer == nil:
			b.WriteString(target)
		default:
			b.WriteString(f.Signer.ClickURL(f.Base, f.MessageID, target))
		}
	}
}

// queryChar is a character of a url.QueryEscape result.
func queryChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("%-._~+", r)
}

// Pixel adds the open pixel to an HTML part (or its JSON string), before
// its last </body>, else at its end; nothing without a signer or with
// opens off. Its attributes are single-quoted, so that the JSON form
// needs no escape.
func (f Finisher) Pixel(html string) string {
	if !f.Opens || f.Signer == nil || html == "" {
		return html
	}
	img := "<img src='" + f.Signer.OpenURL(f.Base, f.MessageID) + "' width='1' height='1' alt='' style='display:block;width:1px;height:1px;border:0'>"
	i := strings.LastIndex(strings.ToLower(html), "</body>")
	if i < 0 {
		return html + img
	}
	return html[:i] + img + html[i:]
}
