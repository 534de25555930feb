// Command synth writes N synthetic recipients of the example shop as JSONL
// to stdout (see package batch/synth), for load and memory tests:
//
//	go run ./scripts/synth -n 100000 > recipients.jsonl
package main
