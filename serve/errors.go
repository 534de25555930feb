package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/tailor-email/tailor/internal/source"
)

// Error is the JSON body of every failed request: {"error": Error}.
type Error struct {
	Status int    `json:"status"`
	Code   string `json:"code"` // e.g. bad_json, unknown_field, render_failed
	// Message says what is wrong, in a sentence.
	Message string `json:"message"`
	// Field names the request field at fault (e.g. "profile", "profiles[3]").
	Field string `json:"field,omitempty"`
	// Position is the workspace place at fault, file:line:col.
	Position string `json:"position,omitempty"`
	// Recipient is the ID of the recipient whose render failed.
	Recipient string `json:"recipient,omitempty"`
}

func (e *Error) Error() string { return e.Message }

// badRequest is a 400 naming the field at fault.
func badRequest(code, field, format string, args ...any) *Error {
	return &Error{Status: http.StatusBadRequest, Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// renderFailed is a 422 for a recipient whose render failed, placing the
// error in the workspace when the engine did: the engine names every place
// it knows with a *source.Error.
func renderFailed(id string, err error) *Error {
	e := &Error{Status: http.StatusUnprocessableEntity, Code: "render_failed", Recipient: id, Message: err.Error()}
	var se *source.Error
	if errors.As(err, &se) && se.Line > 0 {
		e.Position = fmt.Sprintf("%s:%d:%d", se.File, se.Line, se.Col)
	}
	return e
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// writeError writes err as {"error": {...}}; an error that is not an
// *Error is the server's fault, a 500 that hides the detail.
func writeError(w http.ResponseWriter, err error) {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error"}
	}
	writeJSON(w, e.Status, struct {
		Error *Error `json:"error"`
	}{e})
}
