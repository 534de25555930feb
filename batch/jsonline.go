package batch

import (
	"sort"

	"github.com/tailor-email/tailor/internal/bufpool"
	"github.com/tailor-email/tailor/internal/jsonstr"
)

// appendLine appends l as one JSON line, byte for byte what encoding/json
// writes with SetEscapeHTML(false), without reflection: the JSONL output
// is the batch's own hot path.
//
// htmlJSON, when not empty, is the html field already in JSON form (see
// render.Request.HTMLJSON).
func appendLine(dst []byte, l *Line, htmlJSON []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonstr.Append(dst, l.ID)
	for _, f := range [...]struct {
		key string
		val *string
	}{
		{`,"template":`, &l.Template}, {`,"to":`, &l.To}, {`,"subject":`, &l.Subject},
		{`,"preheader":`, &l.Preheader}, {`,"html":`, &l.HTML}, {`,"text":`, &l.Text}, {`,"amp":`, &l.AMP},
	} {
		dst = append(dst, f.key...)
		if len(htmlJSON) > 0 && f.val == &l.HTML {
			dst = append(dst, htmlJSON...)
		} else {
			dst = jsonstr.Append(dst, *f.val)
		}
	}
	if l.AMPDropped != "" {
		dst = append(dst, `,"amp_dropped":`...)
		dst = jsonstr.Append(dst, l.AMPDropped)
	}
	dst = append(dst, `,"segments":`...)
	dst = appendStrings(dst, l.Segments)
	dst = append(dst, `,"modules":`...)
	dst = appendMap(dst, l.Modules)
	dst = append(dst, `,"variants":`...)
	dst = appendMap(dst, l.Variants)
	if len(l.RuleErrors) > 0 {
		dst = append(dst, `,"rule_errors":`...)
		dst = appendStrings(dst, l.RuleErrors)
	}
	if l.Error != "" {
		dst = append(dst, `,"error":`...)
		dst = jsonstr.Append(dst, l.Error)
	}
	return append(dst, "}\n"...)
}

func appendStrings(dst []byte, ss []string) []byte {
	if ss == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonstr.Append(dst, s)
	}
	return append(dst, ']')
}

// appendMap appends m with its keys sorted, as encoding/json does.
func appendMap(dst []byte, m map[string]string) []byte {
	if m == nil {
		return append(dst, "null"...)
	}
	var buf [8]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonstr.Append(dst, k)
		dst = append(dst, ':')
		dst = jsonstr.Append(dst, m[k])
	}
	return append(dst, '}')
}

// encodeLine is the JSONL line of a result, in a buffer from lineBufs.
func encodeLine(r Result) []byte {
	l := NewLine(r)
	n := len(l.HTML) + len(r.htmlJSON) + len(l.Text) + len(l.AMP)
	return appendLine(lineBufs.Get(n+n/16+512), &l, r.htmlJSON)
}

// lineBufs recycles the buffers of written lines: a batch encodes lines in
// its workers and writes them in order, and allocating each line anew was
// a third of the bytes a recipient cost the garbage collector.
var lineBufs bufpool.Pool
