// Package synth generates a send log with outcomes whose truth is known,
// for testing the report: an experiment whose variant B clicks a known
// relative lift above A (or an A/A split), one segment with a known
// fraction of the others' engagement, machine opens and clicks, repeated
// outcomes and bounces as noise. It yields records one by one from a seed,
// so the same seed gives the same data and nothing is held in memory.
package synth
