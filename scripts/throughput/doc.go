// Command throughput measures, in one run of alternating rounds, what a
// batch of N synthetic recipients of the example shop costs on each path
// (see package batch/throughput), and how long generated workspaces take
// to load, and prints the medians with the CPU time per message:
//
//	go run ./scripts/throughput -n 20000 -rounds 5
//
// The batch cases: the newsletter, the picks email (with its AMP part)
// and both, as JSONL to a discarding writer; the newsletter with one
// worker, to weigh the pool against; the newsletter as .eml files
// in a fresh folder; the naive path (render, then inline each recipient);
// the same in a folder in memory (tmpfs, -mem-dir), which shows what the
// disk's file system adds; and the newsletter of the example grown to 1,002 modules, 990 of which
// target segments no recipient is in, beside the example with the same
// segments and its 12 modules. The loads: the example grown by 100 to
// 1,000 modules, and by 100 to 400 slots.
//
// A shared machine runs at different speeds from one second to the next,
// so the cases are measured in alternating rounds and the summary gives
// the median of each, with the load average seen while it ran. CPU time
// (user and system, the process's) holds on a busy machine better than
// wall time does.
package main
