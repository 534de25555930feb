package render

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// each runs f(0) to f(n-1) on up to GOMAXPROCS goroutines, each call
// whatever the others return, and returns the error of the first call in
// index order that failed: the error a loop that stops at the first
// failure returns. A panic in a call is raised again in the caller's
// goroutine once the others are done, so a caller that recovers (reload)
// still can.
func each(n int, f func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var panicked atomic.Pointer[any]
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					panicked.CompareAndSwap(nil, &p)
				}
			}()
			for i := int(next.Add(1) - 1); i < n && panicked.Load() == nil; i = int(next.Add(1) - 1) {
				errs[i] = f(i)
			}
		})
	}
	wg.Wait()
	if p := panicked.Load(); p != nil {
		panic(*p)
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
