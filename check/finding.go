package check

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Severity ranks a finding: Info is advice, Warning a likely problem in
// some clients, Error a fault that breaks the email for its readers.
type Severity int

// The severities, in increasing order.
const (
	Info Severity = iota
	Warning
	Error
)

var severityNames = [...]string{"info", "warning", "error"}

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalJSON encodes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON decodes a severity name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return fmt.Errorf("severity: %w", err)
	}
	for i, n := range severityNames {
		if n == name {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("severity: unknown name %q", name)
}

// Finding is one lint result. Its JSON field names are stable: rule,
// severity, file, line, col, message, clients, support, note.
type Finding struct {
	// Rule is a stable ID: "img-alt", "gmail-clip", or
	// "caniemail/<feature slug>" for client support.
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// File, Line and Col place the finding; Line and Col are 1-based and
	// 0 when the finding is about the whole file. Col counts bytes.
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
	// Clients lists the client IDs ("gmail.ios") the finding affects, if
	// it is client-specific.
	Clients []string `json:"clients,omitempty"`
	// Support is caniemail's worst support code among Clients: "n" (not
	// supported) or "a" (partially supported).
	Support string `json:"support,omitempty"`
	// Note quotes caniemail's notes for the affected clients.
	Note string `json:"note,omitempty"`
	// Recipients lists, for a workspace check, the fixture recipients
	// whose rendered email has the finding (sorted); empty for a finding
	// about the workspace itself or a plain HTML file.
	Recipients []string `json:"recipients,omitempty"`
}

// Sort orders findings by file, line, col, rule and message, the stable
// order of both output formats.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// Worst returns the highest severity among fs, and false when fs is empty.
func Worst(fs []Finding) (Severity, bool) {
	worst := Info
	for _, f := range fs {
		worst = max(worst, f.Severity)
	}
	return worst, len(fs) > 0
}

// FormatText writes one finding per line as
// "file:line:col: severity rule: message [clients]", with caniemail's
// note indented on the next line.
func FormatText(w io.Writer, fs []Finding) error {
	sorted := append([]Finding(nil), fs...)
	Sort(sorted)
	for _, f := range sorted {
		line := fmt.Sprintf("%s: %s %s: %s", position(f), f.Severity, f.Rule, f.Message)
		if len(f.Clients) > 0 {
			line += " [" + strings.Join(f.Clients, ", ") + "]"
		}
		if len(f.Recipients) > 0 {
			line += " (" + recipientList(f.Recipients) + ")"
		}
		if f.Note != "" {
			line += "\n\tnote: " + strings.ReplaceAll(f.Note, "\n", "\n\t")
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return fmt.Errorf("write findings: %w", err)
		}
	}
	return nil
}

// recipientList names up to five recipients and counts the rest.
func recipientList(ids []string) string {
	const shown = 5
	noun := "recipients"
	if len(ids) == 1 {
		noun = "recipient"
	}
	if len(ids) <= shown {
		return fmt.Sprintf("%d %s: %s", len(ids), noun, strings.Join(ids, ", "))
	}
	return fmt.Sprintf("%d %s: %s and %d more", len(ids), noun, strings.Join(ids[:shown], ", "), len(ids)-shown)
}

func position(f Finding) string {
	switch {
	case f.Line == 0:
		return f.File
	case f.Col == 0:
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col)
	}
}

// FormatJSON writes the findings as one indented JSON array, sorted by
// file, line, col, rule and message. No findings gives "[]".
func FormatJSON(w io.Writer, fs []Finding) error {
	sorted := append([]Finding{}, fs...)
	Sort(sorted)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sorted); err != nil {
		return fmt.Errorf("write findings: %w", err)
	}
	return nil
}
