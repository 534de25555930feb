// Package synth generates synthetic recipient profiles for the example
// shop workspace (examples/shop), for benchmarks, load tests and crash
// tests: varied, deterministic for a given index and clock, and covering
// every segment, module and experiment of the example.
package synth
