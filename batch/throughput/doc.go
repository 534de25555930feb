// Package throughput measures batch rendering of the example workspace
// (examples/shop) over synthetic recipients (batch/synth): on the engine,
// whose templates have their CSS inlined once at load, and on the naive
// path, which renders without inlining and then inlines each recipient's
// document; for each email and both, to JSONL or .eml files; and on the
// example grown by generated modules and slots (Generated), whose load
// it times too. scripts/throughput prints the figures.
package throughput
