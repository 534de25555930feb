package source

import (
	"bytes"
	"strings"

	"github.com/goccy/go-yaml"
)

// Doc is a workspace file split into YAML front matter and body.
type Doc struct {
	File        string
	FrontMatter []byte // without the --- fences; nil when the file has none
	Body        string
	// BodyLine is the 1-based line of the file on which Body starts.
	BodyLine int
	// maxYAML bounds the front matter; zero means DefaultMaxFrontMatter.
	maxYAML int
}

// Split separates front matter, fenced by lines that are exactly "---",
// from the body. A file that does not start with "---" has no front matter.
func Split(file string, src []byte) (Doc, error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	doc := Doc{File: file, Body: string(src), BodyLine: 1}
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return doc, nil
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		next := len(rest) + 1
		if end >= 0 {
			next = off + end + 1
		} else {
			end = len(rest) - off
		}
		if strings.TrimRight(string(rest[off:off+end]), "\r") == "---" {
			doc.FrontMatter = rest[:off]
			if next > len(rest) {
				next = len(rest)
			}
			doc.Body = string(rest[next:])
			doc.BodyLine = line + 1
			return doc, nil
		}
		off = next
		line++
	}
	return doc, Errorf(file, 1, 1, "front matter opened with --- is never closed")
}

// Decode decodes the front matter into v, rejecting unknown fields, within
// the bounds of CheckYAML (limits.max_front_matter). Errors point into the
// file (front matter starts on line 2).
func (d Doc) Decode(v any) error {
	if d.FrontMatter == nil {
		return nil
	}
	lim := YAMLLimit{MaxBytes: d.maxYAML, Setting: "limits.max_front_matter in tailor.yaml"}
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultMaxFrontMatter
	}
	return DecodeYAML(d.File, 1, d.FrontMatter, v, lim)
}

// HasFrontMatter reports whether the file starts with a front matter
// block, even an empty one.
func (d Doc) HasFrontMatter() bool { return d.FrontMatter != nil }

// DecodeYAML checks data, which starts after lineOffset lines of file,
// against lim (see CheckYAML), then decodes it into v with strict field
// checking. Errors are *Error.
func DecodeYAML(file string, lineOffset int, data []byte, v any, lim YAMLLimit) error {
	if err := CheckYAML(file, lineOffset, data, lim); err != nil {
		return err
	}
	return yamlError(file, lineOffset, yaml.UnmarshalWithOptions(data, v, yaml.Strict()))
}

// KeyPos returns the file position of a top-level key in the front matter,
// or the opening fence when the key is absent.
func (d Doc) KeyPos(key string) (line, col int) {
	for i, l := range strings.Split(string(d.FrontMatter), "\n") {
		if strings.HasPrefix(l, key+":") {
			col = len(key) + 2
			for col <= len(l) && l[col-1] == ' ' {
				col++
			}
			return i + 2, col
		}
	}
	return 1, 1
}
