// Package validator checks AMP for Email (AMP4EMAIL) documents in Go, the way
// the official AMP validator does, so the engine can vet each recipient's AMP
// part before it goes out.
//
// Validate takes a document and returns a Result: Pass, and the errors and
// warnings with their line (1-based) and column (0-based), the official
// message wording, its code and spec URL.
//
// The tag and attribute rules are generated (go generate) from the
// official validator's protoascii rules into tables_gen.go; see
// internal/gen. The style rules (the amp-custom and boilerplate style tags,
// the CSS property allowlist of data-css-strict) live in a rules file the
// peers folder does not carry, so css_rules.go holds them by hand.
package validator

//go:generate go run ./internal/gen -out tables_gen.go
