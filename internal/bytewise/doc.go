// Package bytewise reads a string eight bytes at a time, as one 64-bit
// word, so that a scan for a few kinds of byte (controls, DEL, the start
// of a C1 control) passes a word that holds none of them at once. Subject
// lines (internal/oneline) and text parts (text) are scanned so.
package bytewise
