// Package source loads recipient profiles from the data sources declared
// in tailor.yaml, merges them on a normalized key, reduces order and event
// histories to RFM features, and reports what it found wrong.
//
// # tailor.yaml
//
//	sources:
//	  key: email                 # profile field holding the merged key (default email)
//	  conflict: precedence       # or most_recent (needs a timestamp per input)
//	  inputs:
//	    - name: crm
//	      path: data/crm.csv     # csv, json (one array or object) or jsonl, by extension or format:
//	      key: Email             # column holding the recipient key
//	      timestamp: UpdatedAt   # for conflict: most_recent
//	      fields: {first_name: FirstName, churn_probability: churn}  # profile field: column
//	      types: {churn_probability: number, vip: bool, signed_up: date}
//	    - name: orders
//	      kind: events           # one row per order or event
//	      path: data/orders.jsonl
//	      key: customer_email
//	      at: created_at         # event time column (required)
//	      amount: total          # optional: monetary value column
//	      window: 365d           # frequency and monetary window (default 365d)
//	      prefix: order_         # feature names: order_recency_days, ...
//	      keep_last: 5           # optional: keep the newest 5 events as a list
//	      list: orders           # ... in this profile field (default: name)
//
// Inputs are read by package recipients, with its bounds: a record over
// 64 MiB is a bad row, a UTF-8 byte order mark and spaces around CSV
// header names are dropped, and a JSON number in the key column keeps its
// exact text.
//
// Key normalization trims and lower-cases the key, so " Ana@Example.COM"
// and "ana@example.com" are one recipient.
//
// Profile inputs: every column becomes a field (fields: renames some).
// Types: string (default for CSV), number, int, bool (true/false, yes/no,
// y/n, 1/0), date (normalized to RFC 3339; accepts RFC 3339, YYYY-MM-DD,
// "YYYY-MM-DD hh:mm:ss", Unix seconds), list ("a|b|c" in CSV) and json
// (a JSON text in a CSV cell). An empty CSV cell is a missing field. A value
// that does not coerce is reported as source:line with the key, and the
// field is left out; the row is kept.
//
// Conflicts: when two rows give one field different values, precedence
// keeps the value from the input listed first (within one input, the first
// row); most_recent keeps the value from the row with the later timestamp
// (ties and rows without one fall back to precedence). Either way the
// conflict is counted per field. A key seen twice in one input is a
// duplicate: counted, reported, and merged by the same policy.
//
// Event inputs are streamed: a recipient keeps a fixed-size aggregate
// (and at most keep_last events), never the history, so memory grows with
// recipients, not events. Features, for events at or before now:
//
//	PREFIXrecency_days     days since the newest event (fractional; missing if none)
//	PREFIXfrequency        events in the window
//	PREFIXmonetary_total   sum of amount in the window
//	PREFIXmonetary_avg     monetary_total / frequency (0 if none)
//	PREFIXcount            events ever
//	PREFIXlast_at          time of the newest event (RFC 3339)
//
// An event whose key has no profile is an orphan; an event after now is
// future; neither is aggregated, both are counted.
//
// Predictive fields (churn risk, next best product) are ordinary columns
// of a profile input, typed like any other, e.g.
// types: {churn_probability: number, next_best_product: string}.
//
// # Report
//
// Every row is accounted for. Per input:
//
//	profiles: Rows = Loaded + BadRows   (Duplicates are among Loaded)
//	events:   Rows = Aggregated + Orphans + Future + BadRows
//
// Bad rows (a CSV row with the wrong number of cells or a broken quote, a
// JSONL line that does not parse, a row without a key, an event whose time
// or amount does not parse) are skipped and counted; bad values are counted
// and their field left out; missing declared fields are counted per field.
package source
