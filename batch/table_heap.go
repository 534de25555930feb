//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package batch

// tableMapped says newTable maps memory from the system.
const tableMapped = false

// newTable returns idSet's zeroed slots on the Go heap, where the system
// has no anonymous memory mapping.
func newTable(n int) (fps []uint64, at []uint32, free func()) { return heapTable(n) }
