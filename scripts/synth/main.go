package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tailor-email/tailor/batch/synth"
)

func main() {
	n := flag.Int("n", 10000, "number of recipients")
	from := flag.Int("from", 0, "index of the first recipient")
	flag.Parse()
	if err := synth.WriteJSONL(os.Stdout, *from, *from+*n, synth.Now); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}
