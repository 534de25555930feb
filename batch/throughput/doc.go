// Package throughput measures batch rendering of the example workspace
// (examples/shop) over synthetic recipients (batch/synth) on two paths:
// the engine, whose templates have their CSS inlined once at load, and the
// naive path, which renders without inlining and then inlines each
// recipient's document. scripts/throughput.sh prints both rates.
package throughput
