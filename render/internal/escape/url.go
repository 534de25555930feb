package escape

import "strings"

// The URL escapers: the scheme filter, the normalizer of a whole URL, the
// escaper of a URL part, and srcset.

// urlKeep says which bytes a URL keeps as they are. The escaper of a URL
// part keeps only RFC 3986's unreserved characters; the normalizer of a
// whole URL keeps the reserved ones too, which structure it (but not ',
// ( and ), so the URL can sit in a single-quoted attribute or a CSS
// url()). Everything else, every byte of a non-ASCII character included,
// becomes %xx.
var urlKeep = func() (k [2][256]bool) {
	const unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	for _, c := range []byte(unreserved) {
		k[0][c], k[1][c] = true, true
	}
	for _, c := range []byte("!#$&*+,/:;=?@[]") {
		k[1][c] = true
	}
	return k
}()

// urlCoder is one of urlKeep's two sets: a URL part's or a whole URL's.
type urlCoder int

const (
	partCoder urlCoder = iota
	wholeCoder
)

// code returns s with the bytes c does not keep percent-encoded; the
// whole-URL coder keeps a '%' that starts an escape. s itself is returned
// when nothing changes; otherwise the output is allocated once, with 3
// bytes reserved for each byte from the first one encoded (the most it
// can become) and 1 for each before it.
func (c urlCoder) code(s string) string {
	keep := &urlKeep[c]
	i := 0
	for i < len(s) && (keep[s[i]] || c.keptEscape(s, i)) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*(len(s)-i))
	kept := 0 // s[kept:i] is still to be written
	for ; i < len(s); i++ {
		if keep[s[i]] || c.keptEscape(s, i) {
			continue
		}
		b.WriteString(s[kept:i])
		b.Write([]byte{'%', hexDigits[s[i]>>4], hexDigits[s[i]&15]})
		kept = i + 1
	}
	b.WriteString(s[kept:])
	return b.String()
}

const hexDigits = "0123456789abcdef"

// keptEscape reports whether s[i] is a '%' the whole-URL coder keeps:
// one followed by two hexadecimal digits.
func (c urlCoder) keptEscape(s string, i int) bool {
	return c == wholeCoder && s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f'
}

// safeURL reports whether the URL s may be followed without side effects:
// it has no scheme, or its scheme is http, https or mailto in any case.
// Whatever precedes the first ':' is the scheme unless it has a '/'.
func safeURL(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon < 0 || strings.IndexByte(s[:colon], '/') >= 0 {
		return true
	}
	scheme := s[:colon]
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// urlFilter is _html_template_urlfilter: a URL with another scheme
// (javascript:, data:, ...) is replaced by "#ZgotmplZ" unless it is URL
// content.
func urlFilter(v any) string {
	s, k := textOf(v)
	if k == kindURL || safeURL(s) {
		return s
	}
	return "#" + failsafe
}

// urlNormalizer is _html_template_urlnormalizer, for a URL or its start.
func urlNormalizer(v any) string {
	s, _ := textOf(v)
	return wholeCoder.code(s)
}

// urlEscaper is _html_template_urlescaper, for a part of a URL after its
// start (a query value); URL content is only normalized.
func urlEscaper(v any) string {
	s, k := textOf(v)
	if k == kindURL {
		return wholeCoder.code(s)
	}
	return partCoder.code(s)
}

// srcsetEscaper is _html_template_srcsetescaper, for a srcset attribute:
// a comma-separated list of image candidates, each a URL and optional
// descriptors. Srcset content is kept; URL content is one URL, whose
// commas are escaped too.
func srcsetEscaper(v any) string {
	s, k := textOf(v)
	switch k {
	case kindSrcset:
		return s
	case kindURL:
		return strings.ReplaceAll(wholeCoder.code(s), ",", "%2c")
	}
	var b strings.Builder
	for {
		cand, rest, more := strings.Cut(s, ",")
		srcsetCandidate(&b, cand)
		if !more {
			return b.String()
		}
		b.WriteByte(',')
		s = rest
	}
}

// srcsetCandidate writes one image candidate: its URL normalized, between
// the spaces and descriptors around it, or "#ZgotmplZ" when the URL is not
// safe or a descriptor has anything but letters, digits and spaces.
func srcsetCandidate(b *strings.Builder, c string) {
	start := skipHTMLSpace(c, 0)
	end := start
	for end < len(c) && !isHTMLSpace(c[end]) {
		end++
	}
	if !safeURL(c[start:end]) || !plainDescriptors(c[end:]) {
		b.WriteString("#" + failsafe)
		return
	}
	b.WriteString(c[:start])
	b.WriteString(wholeCoder.code(c[start:end]))
	b.WriteString(c[end:])
}

// plainDescriptors reports whether s has only ASCII letters, digits and
// HTML spaces.
func plainDescriptors(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && !isHTMLSpace(s[i]) {
			return false
		}
	}
	return true
}
