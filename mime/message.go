package mime

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// Message is one rendered email, ready to package.
type Message struct {
	// From and To are RFC 5322 addresses such as
	// `Tailor Shop <hello@shop.example>`; display names may be non-ASCII.
	From, To string
	// Subject is plain text and may be non-ASCII; see CleanText for what
	// happens to control characters.
	Subject string
	// Preheader is not a header; Write ignores it.
	Preheader string
	// Date is the Date header. It must not be zero.
	Date time.Time
	// MessageID is the Message-ID without angle brackets. When empty, a
	// stable one is derived from (From, To, Subject, Date) and the From domain.
	MessageID string
	// ListUnsubscribe is an http or https URL. When set, the message carries
	// List-Unsubscribe: <url> and List-Unsubscribe-Post:
	// List-Unsubscribe=One-Click (RFC 8058, which wants https).
	ListUnsubscribe string
	// Headers are extra header fields, written in order after the standard
	// ones. Names must be valid field names and not one Write sets itself;
	// values must hold no control characters.
	Headers [][2]string
	// Text, AMP and HTML are the bodies. AMP is optional.
	Text, AMP, HTML string
}

// ErrControl is wrapped by the error for a structured header value that holds
// a control character such as CR or LF.
var ErrControl = errors.New("control character (CR, LF, ...) not allowed in a header")

// FieldError reports which Message field made Write fail.
type FieldError struct {
	// Field names the Message field, e.g. "To" or "Headers[2]".
	Field string
	// Err is what is wrong with it.
	Err error
}

// Error implements error.
func (e *FieldError) Error() string { return "mime: " + e.Field + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field string, err error) error { return &FieldError{Field: field, Err: err} }

// maxPooled is the largest buffer kept in the pool; bigger ones are dropped
// so one huge message does not pin memory for the rest of a batch.
const maxPooled = 4 << 20

var bufPool = sync.Pool{New: func() any { return new(scratch) }}

// scratch holds the reusable buffers of one Write call.
type scratch struct {
	out  []byte  // the message
	tmp  []byte  // CRLF-normalized body for base64, hash input
	from *sender // the last From parsed
}

func (s *scratch) release() {
	if cap(s.out) > maxPooled || cap(s.tmp) > maxPooled {
		return
	}
	bufPool.Put(s)
}

// Write writes msg as RFC 5322 + MIME multipart/alternative to w, in a single
// call to w.Write.
func Write(w io.Writer, msg *Message) error {
	s := bufPool.Get().(*scratch)
	defer s.release()
	out, err := s.build(s.out[:0], msg)
	s.out = out[:0]
	if err != nil {
		return err
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("mime: write message: %w", err)
	}
	return nil
}

// Append appends msg, as Write would write it, to dst and returns the
// extended slice. On error dst is returned unchanged.
func Append(dst []byte, msg *Message) ([]byte, error) {
	s := bufPool.Get().(*scratch)
	defer s.release()
	out, err := s.build(dst, msg)
	if err != nil {
		return dst, err
	}
	return out, nil
}

// build appends the whole message to dst.
func (s *scratch) build(dst []byte, msg *Message) ([]byte, error) {
	if msg == nil {
		return dst, errors.New("mime: nil Message")
	}
	if msg.Date.IsZero() {
		return dst, fieldErr("Date", errors.New("zero time"))
	}
	start := len(dst)
	from, err := s.sender(msg.From)
	if err != nil {
		return dst[:start], err
	}
	to, err := formatAddress("To", msg.To)
	if err != nil {
		return dst[:start], err
	}
	subject := CleanText(msg.Subject)
	id, err := s.messageID(msg, from, subject)
	if err != nil {
		return dst[:start], err
	}
	dst, err = appendAddressHeader(dst, "From", from.formatted)
	if err != nil {
		return dst[:start], err
	}
	if dst, err = appendAddressHeader(dst, "To", to); err != nil {
		return dst[:start], err
	}
	dst = appendUnstructured(dst, "Subject", subject)
	dst = append(dst, "Date: "...)
	dst = msg.Date.AppendFormat(dst, time.RFC1123Z)
	dst = append(dst, "\r\nMessage-ID: <"...)
	dst = append(dst, id...)
	dst = append(dst, ">\r\n"...)
	if dst, err = appendListUnsubscribe(dst, msg.ListUnsubscribe); err != nil {
		return dst[:start], err
	}
	if dst, err = appendExtraHeaders(dst, msg.Headers); err != nil {
		return dst[:start], err
	}
	return s.appendBody(dst, msg, id), nil
}
