package text

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Width is the column a text part is wrapped at: RFC 5322's recommended
// 78 characters a line.
const Width = 78

// RefMin is the length, in characters, above which a link's url goes to
// the reference list under LinksReferences; shorter urls stay inline.
const RefMin = 40

// Links says where WrapPart writes the urls of links.
type Links int

const (
	// LinksInline keeps each url after its link's text: "text (url)".
	LinksInline Links = iota
	// LinksReferences writes "text [1]" for each link whose url is
	// longer than RefMin, and lists those urls, numbered in the order
	// they first appear ("[1] url"), after a blank line at the end of the
	// part. A url that comes back keeps its number.
	LinksReferences
)

// ParseLinks reads a Links by its name: "inline" (or "") or "references".
func ParseLinks(name string) (Links, error) {
	switch name {
	case "", "inline":
		return LinksInline, nil
	case "references":
		return LinksReferences, nil
	}
	return LinksInline, fmt.Errorf("unknown links setting %q (want inline or references)", name)
}

// String returns the name ParseLinks reads.
func (l Links) String() string {
	if l == LinksReferences {
		return "references"
	}
	return "inline"
}

// linkOpen starts a link's url as FromHTML writes it after the link's
// text: "(http", for http and https urls.
var linkOpen = []byte("(http")

// linkWord splits a word that is a link's url as FromHTML writes it,
// "(https://...)", possibly followed by punctuation of the sentence
// ("(url)."), into the url and that punctuation. ok is false for any
// other word.
func linkWord(word []byte) (url, punct []byte, ok bool) {
	if !bytes.HasPrefix(word, linkOpen) {
		return nil, nil, false
	}
	end := len(word)
	for end > 0 && strings.IndexByte(".,;:!?", word[end-1]) >= 0 {
		end--
	}
	if end < 2 || word[end-1] != ')' {
		return nil, nil, false
	}
	url = word[1 : end-1]
	if !bytes.HasPrefix(url, []byte("http://")) && !bytes.HasPrefix(url, []byte("https://")) {
		return nil, nil, false
	}
	return url, word[end:], true
}

// refs is a part's reference list under LinksReferences.
type refs struct {
	urls [][]byte
	buf  []byte // the last label
}

// label returns the reference of url, "[n]", followed by punct, numbering
// url if it is new. The result is good until the next call.
func (r *refs) label(url, punct []byte) []byte {
	n := 0
	for i, u := range r.urls {
		if bytes.Equal(u, url) {
			n = i + 1
			break
		}
	}
	if n == 0 {
		r.urls = append(r.urls, url)
		n = len(r.urls)
	}
	r.buf = strconv.AppendInt(append(r.buf[:0], '['), int64(n), 10)
	r.buf = append(append(r.buf, ']'), punct...)
	return r.buf
}

// write appends the list, "[n] url" a line after a blank line, to b,
// which holds the part's text so far.
func (r *refs) write(b *strings.Builder) {
	if len(r.urls) == 0 {
		return
	}
	if b.Len() > 0 {
		b.WriteString("\n\n")
	}
	var num []byte
	for i, u := range r.urls {
		if i > 0 {
			b.WriteByte('\n')
		}
		num = strconv.AppendInt(append(num[:0], '['), int64(i+1), 10)
		b.Write(num)
		b.WriteString("] ")
		b.Write(u)
	}
}
