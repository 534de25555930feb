package serve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/render"
)

// htmlJSONSize is the room a render's HTML in JSON form starts with.
const htmlJSONSize = 32 << 10

// writeMessage writes the message as JSON (message.Of; its HTML in JSON
// form already when htmlJSON is set) or as an .eml.
func (s *Server) writeMessage(w http.ResponseWriter, msg *render.Message, format string, htmlJSON *[]byte) error {
	if format == "eml" {
		eml, err := message.AppendEML(nil, msg)
		if err != nil {
			e := renderFailed(msg.ID, err)
			e.Code = "eml_failed"
			return e
		}
		writeBody(w, http.StatusOK, "message/rfc822", eml)
		return nil
	}
	j := message.Of(msg)
	if htmlJSON != nil {
		j.HTMLJSON = *htmlJSON
	}
	out := message.AppendJSONL(s.bufs.Get(len(j.HTMLJSON)+len(j.HTML)+len(j.Text)+len(j.AMP)+4<<10), &j)
	writeBody(w, http.StatusOK, jsonType, out)
	s.bufs.Put(out)
	return nil
}

// writeBatch writes a batch's answer, the bytes encoding/json gives for
// it, as it goes: each message is encoded into the buffer of a pooled
// writer, and its HTML's buffer given back.
func (s *Server) writeBatch(w http.ResponseWriter, resp *BatchResponse) {
	h := w.Header()
	h.Set("Content-Type", jsonType)
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	bw := s.writers.Get().(*bufio.Writer)
	defer s.writers.Put(bw)
	bw.Reset(w)
	defer bw.Reset(nil)
	bw.WriteString(`{"results":[`)
	for i, r := range resp.Results {
		out := bw.AvailableBuffer()
		if i > 0 {
			out = append(out, ',')
		}
		switch {
		case r.Message != nil:
			out = message.AppendJSONL(append(out, `{"message":`...), r.Message)
			out = append(out[:len(out)-1], '}') // the line without its newline
			s.bufs.Put(r.Message.HTMLJSON)
			r.Message.HTMLJSON = nil
		case r.Error != nil:
			out = append(appendJSON(append(out, `{"error":`...), r.Error), '}')
		default:
			out = append(out, "{}"...)
		}
		if _, err := bw.Write(out); err != nil {
			return // the client is gone
		}
	}
	out := strconv.AppendInt(append(bw.AvailableBuffer(), `],"rendered":`...), int64(resp.Rendered), 10)
	out = strconv.AppendInt(append(out, `,"failed":`...), int64(resp.Failed), 10)
	out = strconv.AppendInt(append(out, `,"suppressed":`...), int64(resp.Suppressed), 10)
	bw.Write(append(out, "}\n"...))
	bw.Flush()
}

// appendJSON appends v as writeJSON encodes it, without the newline.
func appendJSON(dst []byte, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // the values written here encode
	return append(dst, bytes.TrimSuffix(b.Bytes(), []byte("\n"))...)
}

const jsonType = "application/json; charset=utf-8"

// writeBody writes a whole answer at once, with its length. The header
// names are written in their canonical form, as Set would store them,
// without canonicalizing them per answer.
func writeBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	h := w.Header()
	h["Content-Type"] = []string{contentType}
	h["X-Content-Type-Options"] = []string{"nosniff"}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	w.Write(body)
}
