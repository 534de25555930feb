// Package trigger reads tailor.yaml's triggers: section and turns a stored
// recipient's segment transitions into scheduled jobs: its one job is to
// decide which email is due for whom and when (after the delay, outside
// the recipient's quiet hours, once per period), and which pending jobs a
// transition cancels. The store keeps the jobs; tailor serve's runner
// sends them when due.
package trigger
