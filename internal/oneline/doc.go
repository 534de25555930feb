// Package oneline makes free text fit one header line: the one rule the
// engine applies to a message's subject, preheader, To and unsubscribe URL
// and the MIME writer applies to the Subject, so that every output of a
// message (JSONL, .eml) carries the same text. It is a leaf: render and
// mime both import it, neither imports the other.
package oneline
