// Package report turns the send log and its outcomes into statistics:
// per segment, tier, module and experiment variant, the rates of
// delivery, opens, clicks, click-to-open, conversions, unsubscribes and
// complaints with 95% Wilson intervals; for each experiment the
// difference between its variants with a two-sided test, the minimum
// detectable effect and a verdict (a winner, or "no winner yet"); and the
// segments whose engagement is significantly below the rest of the
// campaign. It reads a stream of sends with their outcomes (Record),
// aggregating as it goes, so memory holds counts, not rows. Text and a
// self-contained HTML page (WriteText, WriteHTML) show the result.
//
// See docs/report.md for the rules it applies.
package report
