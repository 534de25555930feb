package validator

import (
	"strconv"
	"strings"
)

// Severity tells an error, which fails the document, from a warning, which
// does not.
type Severity int

const (
	// SeverityError fails validation.
	SeverityError Severity = iota
	// SeverityWarning is reported but the document still passes.
	SeverityWarning
)

// String returns "ERROR" or "WARNING", as the official validator prints.
func (s Severity) String() string {
	if s == SeverityWarning {
		return "WARNING"
	}
	return "ERROR"
}

// Result is the outcome of validating one document.
type Result struct {
	// Pass is true when no error (warnings aside) was found.
	Pass bool
	// Errors holds errors and warnings in document order.
	Errors []Error
}

// Error is one problem found in a document.
type Error struct {
	// Line is 1-based, Col 0-based, like the official validator.
	Line, Col int
	// Code is the official error code, such as DISALLOWED_ATTR.
	Code string
	// Message follows the official wording.
	Message string
	// SpecURL points at the documentation of the broken rule, if any.
	SpecURL string
	// Severity is SeverityError or SeverityWarning.
	Severity Severity
}

// String formats the error as "LINE:COL MESSAGE (see URL)".
func (e Error) String() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(e.Line))
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(e.Col))
	b.WriteByte(' ')
	b.WriteString(e.Message)
	if e.SpecURL != "" {
		b.WriteString(" (see ")
		b.WriteString(e.SpecURL)
		b.WriteByte(')')
	}
	return b.String()
}

// Validate checks an AMP4EMAIL document against the AMP4EMAIL rules: the
// required markup, the allowed tags and attributes, the CSS limits, the
// document size and the URL protocols. It is safe for concurrent use.
func Validate(doc []byte) Result {
	v := newRun(doc)
	v.validate()
	return v.result()
}

// warningCodes are the codes the official validator reports as warnings.
var warningCodes = map[string]bool{
	"AMP_EMAIL_MISSING_STRICT_CSS_ATTR":    true,
	"WARNING_EXTENSION_DEPRECATED_VERSION": true,
	"DEPRECATED_TAG":                       true,
	"DEPRECATED_ATTR":                      true,
	"WARNING_TAG_REQUIRED_BY_MISSING":      true,
	"WARNING_EXTENSION_UNUSED":             true,
}

// message fills the official format for code with params (%1, %2, ...).
func message(code string, params ...string) string {
	f, ok := errorFormats[code]
	if !ok {
		f = genErrorFormats["UNKNOWN_CODE"]
	}
	if !strings.Contains(f, "%") {
		return f
	}
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] == '%' && i+1 < len(f) && f[i+1] >= '1' && f[i+1] <= '9' {
			n := int(f[i+1] - '1')
			if n < len(params) {
				b.WriteString(params[n])
			}
			i++
			continue
		}
		b.WriteByte(f[i])
	}
	return b.String()
}

// Summary describes the result in one line, for recording why an AMP part
// was dropped: "PASS", or the first error and how many more there are.
func (r Result) Summary() string {
	if r.Pass {
		return "PASS"
	}
	n := 0
	var first Error
	for _, e := range r.Errors {
		if e.Severity == SeverityError {
			if n == 0 {
				first = e
			}
			n++
		}
	}
	s := "FAIL: " + first.String()
	if n > 1 {
		s += " (and " + strconv.Itoa(n-1) + " more)"
	}
	return s
}
