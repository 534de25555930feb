package batch

import (
	"context"
	"io"
	"testing"

	"github.com/tailor-email/tailor/recipients"
)

// TestAStalledInputHoldsBackLessThanAChunk: an input that stops (a pipe
// whose writer waits) after 20 records still gets the first full chunk
// written; the 4 records after it wait for their chunk to fill or the
// input to end.
func TestAStalledInputHoldsBackLessThanAChunk(t *testing.T) {
	wrote := make(chan int, 100)
	goOn := make(chan struct{})
	in := func(yield func(recipients.Record) bool) {
		n := 0
		for r := range records(40, nil) {
			if n == 20 {
				<-goOn
			}
			n++
			if !yield(r) {
				return
			}
		}
	}
	opts := Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf, Progress: func(s *Summary) { wrote <- s.Rendered }}
	done := make(chan error)
	go func() {
		_, err := Run(context.Background(), fake{}, in, opts, JSONL(io.Discard))
		done <- err
	}()
	for n := range wrote {
		if n == chunkSize {
			break
		}
	}
	select {
	case n := <-wrote:
		t.Fatalf("result %d was written while its chunk waited for the input", n)
	default:
	}
	close(goOn)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := len(wrote); got != 40-chunkSize {
		t.Errorf("%d more results written once the input went on, want %d", got, 40-chunkSize)
	}
}
