// Package mutate breaks workspace files the ways a half-saved edit, a bad
// paste or a hostile file does: emptied, truncated, binary garbage, huge,
// YAML aliases, deleted. The fuzz test of render.Load and the test that
// edits the workspace of live preview and serve servers share it, so that
// both see the same mutations. Choices come from a Source: a fuzzer's
// bytes, or a seeded math/rand.
package mutate
