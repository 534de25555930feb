package main

import (
	"fmt"
	"io"
	"time"

	"github.com/tailor-email/tailor/batch"
)

// progress prints a plain progress line every two seconds.
func progress(w io.Writer) func(*batch.Summary) {
	last := time.Now()
	return func(s *batch.Summary) {
		if time.Since(last) < 2*time.Second {
			return
		}
		last = time.Now()
		fmt.Fprintf(w, "rendered %d, failed %d, skipped %d (%.0f/s)\n", s.Rendered, s.Failed, s.Skipped, s.Rate())
	}
}
