// Package validator checks AMP for Email (AMP4EMAIL) documents in Go, the way
// the official AMP validator does, so the engine can vet each recipient's AMP
// part before it goes out.
//
// Validate takes a document and returns a Result: Pass, and the errors and
// warnings with their line (1-based) and column (0-based), the official
// message wording, its code and spec URL. It is safe for concurrent use and
// takes about a millisecond for a 20 KB email.
//
// Prove validates a document whose spans (the bytes a recipient's values
// put there) are marked, and, when it passes with every span in text or
// in a plain attribute value, returns a Proof: Proof.Check then decides
// any document of the same shape (the same bytes around the spans) from
// its spans alone, in a few microseconds, or says it cannot and the
// document is validated in full. See Proof for the positions it accepts.
//
// The tag and attribute rules are generated (go generate) from the
// official validator's protoascii rules into tables_gen.go; see
// internal/gen. The style rules (the amp-custom and boilerplate style tags,
// the CSS property allowlist of data-css-strict, the restricted values, the
// media queries) live in validator-css.protoascii, which the peers folder
// does not carry, so css_rules.go states them by hand from the AMP for Email
// specification; the tests check them against the official validator.
//
// Known differences from the official validator, all on the strict side
// (this validator fails a document the official one passes):
//   - the official validator builds an HTML5 tree; this validator follows it
//     around <head> and <body> (implied tags, a second <body>, content after
//     </body>) and parses <noscript> content as markup, but not elsewhere:
//     stray table parts (<td> outside a table), <frame> and <frameset>, which
//     the HTML parser drops, are reported here;
//   - golang.org/x/net/html drops a repeated attribute, so the official
//     DUPLICATE_ATTRIBUTE warning is never given.
//
// Messages differ in a few details: the spec URL of a disallowed <font>, the
// column of an unterminated comment inside a style attribute.
package validator

//go:generate go run ./internal/gen -out tables_gen.go
