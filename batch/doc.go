// Package batch renders a campaign for a stream of recipients: a worker
// pool renders them in parallel (and writes outputs that are files of
// their own), a reorder buffer hands results to a Sink in input order, and
// a failed recipient is recorded without stopping the others. Memory stays
// flat however many recipients there are: only a bounded window of them is
// in flight at once.
package batch
