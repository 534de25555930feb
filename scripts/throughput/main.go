// Command throughput renders N synthetic recipients of the example shop
// on the engine and on the naive path (render, then inline each
// recipient), JSONL out to a discarding writer, and prints both rates and
// their ratio (see package batch/throughput):
//
//	go run ./scripts/throughput -n 20000 -rounds 3
//
// A shared or throttled machine runs at different speeds from one second
// to the next, so the two paths are measured in alternating rounds and the
// summary gives the median of each rate and of the per-round ratios.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/batch/throughput"
)

func main() {
	n := flag.Int("n", 20000, "recipients on the engine path")
	naiveN := flag.Int("naive-n", 0, "recipients on the naive path (default n/10: it is far slower)")
	rounds := flag.Int("rounds", 3, "alternating rounds of the two paths")
	workers := flag.Int("workers", 0, "render workers (default GOMAXPROCS)")
	flag.Parse()
	if *naiveN <= 0 {
		*naiveN = max(*n/10, 1)
	}
	batch.TuneGC()               // as tailor render does
	gc := debug.SetGCPercent(-1) // reads the target...
	debug.SetGCPercent(gc)       // ...and puts it back
	fmt.Printf("GOMAXPROCS %d, %s, GC target %d%%\n", runtime.GOMAXPROCS(0), runtime.Version(), gc)
	data := map[throughput.Path][]byte{
		throughput.Engine: throughput.Recipients(*n),
		throughput.Naive:  throughput.Recipients(*naiveN),
	}
	var engine, naive, ratio, wallRatio []float64
	for round := 1; round <= max(*rounds, 1); round++ {
		var res [2]throughput.Result
		for i, p := range []throughput.Path{throughput.Engine, throughput.Naive} {
			r, err := throughput.Measure(context.Background(), p, data[p], *workers, io.Discard)
			if err != nil {
				fmt.Fprintln(os.Stderr, "throughput:", err)
				os.Exit(1)
			}
			res[i] = r
			fmt.Printf("round %d  %s\n", round, r)
		}
		engine, naive = append(engine, res[0].PerCPU), append(naive, res[1].PerCPU)
		ratio = append(ratio, res[0].PerCPU/res[1].PerCPU)
		wallRatio = append(wallRatio, res[0].PerSec/res[1].PerSec)
	}
	fmt.Printf("median of %d rounds: engine %.0f/s per core, naive %.0f/s per core, engine/naive %.1fx per core (%.1fx wall)\n",
		len(ratio), median(engine), median(naive), median(ratio), median(wallRatio))
}

// median is the middle value (the mean of the two middle ones for an even
// count).
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
