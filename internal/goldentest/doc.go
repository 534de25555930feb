// Package goldentest compares a test's output with a golden file, showing
// a unified diff when they differ, and rewrites the file from the output
// instead when the test binary runs with -update. Every golden test of
// the module goes through it, so each has the same flag and diff.
package goldentest
