// Package recipients reads recipient profiles from JSON, JSONL and CSV, one
// at a time, each with the source and line it came from, so a batch can
// stream millions of them and name the line of a bad one. Given a schema
// (or asked to infer one from the first records), it types each profile
// as it is read and places every value that does not fit at its
// source:line:col.
package recipients
