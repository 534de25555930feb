//go:build linux || darwin || freebsd || netbsd || openbsd

package batch

import (
	"syscall"
	"unsafe"
)

// tableMapped says newTable maps memory from the system.
const tableMapped = true

// newTable returns idSet's zeroed slots, n fingerprints and n places,
// in memory mapped from the operating system rather than the Go heap: the
// garbage collector sets its goal as a multiple of the live heap (five
// times at the batch's GOGC=400), so a table of 140 MB on the heap would
// let it grow by 700 MB. free unmaps the memory; the slices must not be
// used after it.
func newTable(n int) (fps []uint64, at []uint32, free func()) {
	if n == 0 {
		return heapTable(n)
	}
	mem, err := syscall.Mmap(-1, 0, n*12, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return heapTable(n)
	}
	fps = unsafe.Slice((*uint64)(unsafe.Pointer(&mem[0])), n)
	at = unsafe.Slice((*uint32)(unsafe.Pointer(&mem[n*8])), n)
	return fps, at, func() { syscall.Munmap(mem) }
}
