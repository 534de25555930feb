package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tailor-email/tailor/report/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "synthsends:", err)
		os.Exit(1)
	}
}

// run parses args and writes the two files.
func run(args []string, stderr io.Writer) error {
	cfg := synth.Default()
	set := flag.NewFlagSet("synthsends", flag.ContinueOnError)
	set.SetOutput(stderr)
	out := set.String("out", "", "the `DIR` to write sends.jsonl and outcomes.jsonl into")
	set.IntVar(&cfg.Sends, "sends", cfg.Sends, "how many sends")
	set.Float64Var(&cfg.Lift, "lift", cfg.Lift, "how much more B clicks than A (0.1 for 10%; 0 for an A/A split)")
	set.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "the random seed")
	if err := set.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("-out DIR: where to write the files")
	}
	sends, err := os.Create(filepath.Join(*out, "sends.jsonl"))
	if err != nil {
		return err
	}
	defer sends.Close()
	outcomes, err := os.Create(filepath.Join(*out, "outcomes.jsonl"))
	if err != nil {
		return err
	}
	defer outcomes.Close()
	if err := cfg.WriteJSONL(sends, outcomes); err != nil {
		return err
	}
	if err := sends.Close(); err != nil {
		return err
	}
	return outcomes.Close()
}
