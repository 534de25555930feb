// Package shop is tailor's built-in example workspace: a fashion shop's
// weekly newsletter personalized by RFM segments, engagement tiers and an
// A/B test. Every command uses it when no --workspace is given, and
// "tailor init DIR" writes it out as a starting point.
package shop
