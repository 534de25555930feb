// Package recipients reads recipient profiles from JSON, JSONL and CSV, one
// at a time, each with the source and line it came from, so a batch can
// stream millions of them and name the line of a bad one.
package recipients
