// Package audience reports on how a set of recipients falls into the
// segments, scores and tiers of a segments.yaml: sizes, tiers, pairwise
// overlaps, empty segments, recipients in no segment, missing fields, data
// errors and rule errors; and explains one recipient's membership rule by
// rule.
//
// A report is a list of Sections that each see every recipient's
// Membership and then write themselves, so callers (the engine) can add
// sections such as "slots served by their fallback module", or Missing:
// the recipients in a segment only because of a missing value.
package audience
