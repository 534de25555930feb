// Package bufpool recycles byte buffers between the goroutines of a batch:
// a message's buffers are filled in a worker and given back once written,
// so a batch does not allocate them again for every recipient.
package bufpool
