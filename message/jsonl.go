package message

import (
	"slices"
	"strconv"

	"github.com/tailor-email/tailor/internal/jsonstr"
)

// AppendJSONL appends j as one JSON line, newline included: byte for byte
// what encoding/json's Encoder writes for it with SetEscapeHTML(false)
// (with j.HTMLJSON or j.AMPJSON, what it writes for j with that HTML or
// AMP part), without reflection. Each part is escaped as it is appended,
// but for a part given in JSON form: escaping the HTML again would cost a
// quarter of a batch's time per recipient.
func AppendJSONL(dst []byte, j *JSON) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonstr.Append(dst, j.ID)
	for _, f := range [...]struct {
		key, val string
		json     []byte
	}{
		{`,"template":`, j.Template, nil}, {`,"to":`, j.To, nil}, {`,"subject":`, j.Subject, nil},
		{`,"preheader":`, j.Preheader, nil}, {`,"html":`, j.HTML, j.HTMLJSON}, {`,"text":`, j.Text, nil},
		{`,"amp":`, j.AMP, j.AMPJSON},
	} {
		dst = append(dst, f.key...)
		if len(f.json) > 0 {
			dst = append(dst, f.json...)
		} else {
			dst = jsonstr.Append(dst, f.val)
		}
	}
	dst = appendOptional(dst, `,"amp_dropped":`, j.AMPDropped)
	dst = appendStrings(append(dst, `,"segments":`...), j.Segments)
	if len(j.Scores) > 0 {
		dst = appendMap(append(dst, `,"scores":`...), j.Scores, appendInt)
	}
	if len(j.Tiers) > 0 {
		dst = appendMap(append(dst, `,"tiers":`...), j.Tiers, appendString)
	}
	dst = appendMap(append(dst, `,"modules":`...), j.Modules, appendString)
	dst = appendMap(append(dst, `,"variants":`...), j.Variants, appendString)
	dst = appendOptional(dst, `,"send_at":`, j.SendAt)
	dst = appendOptional(dst, `,"message_id":`, j.MessageID)
	dst = appendOptional(dst, `,"unsubscribe":`, j.Unsubscribe)
	if len(j.RuleErrors) > 0 {
		dst = appendStrings(append(dst, `,"rule_errors":`...), j.RuleErrors)
	}
	if len(j.DataErrors) > 0 {
		dst = appendStrings(append(dst, `,"data_errors":`...), j.DataErrors)
	}
	dst = appendOptional(dst, `,"error":`, j.Error)
	if j.Suppressed {
		dst = append(dst, `,"suppressed":true`...)
	}
	return append(dst, "}\n"...)
}

// appendOptional appends key and s, unless s is empty (omitempty).
func appendOptional(dst []byte, key, s string) []byte {
	if s == "" {
		return dst
	}
	return jsonstr.Append(append(dst, key...), s)
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

func appendInt(dst []byte, n int) []byte { return strconv.AppendInt(dst, int64(n), 10) }

func appendString(dst []byte, s string) []byte { return jsonstr.Append(dst, s) }

// appendMap appends m with its keys sorted, as encoding/json does, each
// value through appendValue.
func appendMap[V any](dst []byte, m map[string]V, appendValue func([]byte, V) []byte) []byte {
	if m == nil {
		return append(dst, "null"...)
	}
	var buf [8]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(jsonstr.Append(dst, k), ':')
		dst = appendValue(dst, m[k])
	}
	return append(dst, '}')
}
