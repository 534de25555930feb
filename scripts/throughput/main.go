// Command throughput renders N synthetic recipients of the example shop
// on the engine and on the naive path (render, then inline each
// recipient), JSONL out to a discarding writer, and prints both rates and
// their ratio (see package batch/throughput):
//
//	go run ./scripts/throughput -n 20000
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/tailor-email/tailor/batch/throughput"
)

func main() {
	n := flag.Int("n", 20000, "recipients on the engine path")
	naiveN := flag.Int("naive-n", 0, "recipients on the naive path (default n/10: it is far slower)")
	workers := flag.Int("workers", 0, "render workers (default GOMAXPROCS)")
	flag.Parse()
	if *naiveN <= 0 {
		*naiveN = max(*n/10, 1)
	}
	fmt.Printf("GOMAXPROCS %d, %s\n", runtime.GOMAXPROCS(0), runtime.Version())
	var res [2]throughput.Result
	for i, p := range []throughput.Path{throughput.Engine, throughput.Naive} {
		count := *n
		if p == throughput.Naive {
			count = *naiveN
		}
		r, err := throughput.Measure(context.Background(), p, throughput.Recipients(count), *workers, io.Discard)
		if err != nil {
			fmt.Fprintln(os.Stderr, "throughput:", err)
			os.Exit(1)
		}
		res[i] = r
		fmt.Println(r)
	}
	fmt.Printf("engine/naive: %.1fx wall, %.1fx per core\n", res[0].PerSec/res[1].PerSec, res[0].PerCPU/res[1].PerCPU)
}
