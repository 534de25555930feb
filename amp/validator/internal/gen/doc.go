// Command gen turns the official AMP validator rules (protobuf text format)
// into Go tables for package validator. It keeps only what applies to
// html_format AMP4EMAIL.
//
// Usage (from go generate in amp/validator):
//
//	go run ./internal/gen -rules DIR -out tables_gen.go
//
// DIR defaults to $TAILOR_PEERS/amp4email-validator/rules, or
// ../shared/peers/amp4email-validator/rules beside the repository root.
package main
