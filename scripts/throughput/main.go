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
	"strings"

	"github.com/tailor-email/tailor/batch"
	tp "github.com/tailor-email/tailor/batch/throughput"
)

func main() {
	n := flag.Int("n", 20000, "recipients of each batch case")
	naiveN := flag.Int("naive-n", 0, "recipients on the naive path (default n/20: it is far slower)")
	rounds := flag.Int("rounds", 3, "alternating rounds")
	workers := flag.Int("workers", 0, "render workers (default GOMAXPROCS)")
	memDir := flag.String("mem-dir", "/dev/shm", "a folder in memory (tmpfs) for a second eml case, apart from the file system's own costs (\"\": none)")
	only := flag.String("only", "", "run only the cases whose name holds one of these comma-separated words (\"load\" for the loads)")
	flag.Parse()
	if *naiveN <= 0 {
		*naiveN = max(*n/20, 1)
	}
	batch.TuneGC()               // as tailor render does
	gc := debug.SetGCPercent(-1) // reads the target...
	debug.SetGCPercent(gc)       // ...and puts it back
	fmt.Printf("GOMAXPROCS %d, %s, GC target %d%%, %d recipients a case (naive %d), %d rounds\n",
		runtime.GOMAXPROCS(0), runtime.Version(), gc, *n, *naiveN, *rounds)
	if err := run(*n, *naiveN, *rounds, *workers, *only, *memDir); err != nil {
		fmt.Fprintln(os.Stderr, "throughput:", err)
		os.Exit(1)
	}
}

// cases are the batch cases, in the order each round runs them.
func cases(memDir string) []tp.Case {
	nl, both := []string{"newsletter"}, []string{"newsletter", "picks"}
	var mem []tp.Case
	if st, err := os.Stat(memDir); memDir != "" && err == nil && st.IsDir() {
		mem = append(mem, tp.Case{Name: "newsletter eml in memory", Path: tp.Engine, Emails: nl, Format: "eml", Dir: memDir})
	}
	return append([]tp.Case{
		{Name: "newsletter jsonl", Path: tp.Engine, Emails: nl, Format: "jsonl"},
		{Name: "newsletter jsonl 1 worker", Path: tp.Engine, Emails: nl, Format: "jsonl", Workers: 1},
		{Name: "picks jsonl", Path: tp.Engine, Emails: []string{"picks"}, Format: "jsonl"},
		{Name: "both jsonl", Path: tp.Engine, Emails: both, Format: "jsonl"},
		{Name: "newsletter eml", Path: tp.Engine, Emails: nl, Format: "eml"},
		{Name: "naive newsletter jsonl", Path: tp.Naive, Emails: nl, Format: "jsonl"},
		{Name: "12 modules jsonl", Path: tp.Engine, Emails: nl, Format: "jsonl", Workspace: &tp.Spec{}},
		{Name: "1002 modules jsonl", Path: tp.Engine, Emails: nl, Format: "jsonl", Workspace: &tp.Spec{Modules: 990}},
	}, mem...)
}

// loads are the generated workspaces whose load is timed.
var loads = []tp.Spec{
	{Modules: 100}, {Modules: 250}, {Modules: 500}, {Modules: 750}, {Modules: 1000},
	{Slots: 100}, {Slots: 200}, {Slots: 400},
}

// sample is what one case measured in each round, with the load average
// at the time.
type sample struct {
	cpuPer, perCore, perSec, sysShare, loadAvg []float64
}

func (s *sample) add(cpuPer, perCore, perSec, sysShare float64) {
	s.cpuPer, s.perCore, s.perSec = append(s.cpuPer, cpuPer), append(s.perCore, perCore), append(s.perSec, perSec)
	s.sysShare, s.loadAvg = append(s.sysShare, sysShare), append(s.loadAvg, tp.LoadAverage())
}

func run(n, naiveN, rounds, workers int, only, memDir string) error {
	want := func(name string) bool {
		if only == "" {
			return true
		}
		for _, w := range strings.Split(only, ",") {
			if strings.Contains(name, w) {
				return true
			}
		}
		return false
	}
	var prepared []*tp.Prepared
	for _, c := range cases(memDir) {
		if want(c.Name) {
			p, err := tp.Prepare(c)
			if err != nil {
				return err
			}
			prepared = append(prepared, p)
		}
	}
	data, naiveData := tp.Recipients(n), tp.Recipients(naiveN)
	samples := map[string]*sample{}
	for round := 1; round <= max(rounds, 1); round++ {
		for _, p := range prepared {
			d := data
			if p.Path == tp.Naive {
				d = naiveData
			}
			r, err := p.Measure(context.Background(), d, workers, io.Discard)
			if err != nil {
				return err
			}
			fmt.Printf("round %d  load %4.1f  %s\n", round, tp.LoadAverage(), r)
			s := sampleOf(samples, p.Name)
			s.add(float64(r.CPUPer().Nanoseconds())/1e3, r.PerCPU, r.PerSec, 100*r.Sys.Seconds()/r.CPU.Seconds())
		}
		if want("load") {
			for _, spec := range loads {
				r, err := tp.MeasureLoad(spec)
				if err != nil {
					return err
				}
				fmt.Printf("round %d  load %4.1f  %s\n", round, tp.LoadAverage(), r)
				s := sampleOf(samples, loadName(spec))
				s.add(float64(r.CPU.Microseconds())/1e3/float64(r.Modules), float64(r.CPU.Microseconds())/1e3, float64(r.Wall.Microseconds())/1e3, 0)
			}
		}
	}
	summarize(samples, prepared, want("load"))
	return nil
}

func sampleOf(m map[string]*sample, name string) *sample {
	if m[name] == nil {
		m[name] = &sample{}
	}
	return m[name]
}

func loadName(s tp.Spec) string { return fmt.Sprintf("load %d modules %d slots", s.Modules, s.Slots) }

// summarize prints the medians, the ratios the targets are about, and
// the growth of the load time.
func summarize(samples map[string]*sample, prepared []*tp.Prepared, loaded bool) {
	fmt.Println("\nmedians (load average: lowest-highest while the case ran):")
	for _, p := range prepared {
		s := samples[p.Name]
		fmt.Printf("  %-26s %7.1f µs CPU a message (%2.0f%% system)  %8.0f messages/s per core  %8.0f/s wall  (load %s)\n",
			p.Name, median(s.cpuPer), median(s.sysShare), median(s.perCore), median(s.perSec), spread(s.loadAvg))
	}
	ratio := func(a, b string) (float64, bool) {
		sa, sb := samples[a], samples[b]
		if sa == nil || sb == nil {
			return 0, false
		}
		return median(sa.cpuPer) / median(sb.cpuPer), true
	}
	for _, r := range []struct{ a, b, target string }{
		{"picks jsonl", "newsletter jsonl", "target: within 2x"},
		{"newsletter jsonl", "newsletter jsonl 1 worker", "the pool's workers against one: what the pool costs"},
		{"newsletter eml", "newsletter jsonl", "target: within 2x"},
		{"newsletter eml in memory", "newsletter jsonl", "the same on tmpfs, without the disk file system's inode costs"},
		{"1002 modules jsonl", "12 modules jsonl", "target: within 1.2x"},
		{"naive newsletter jsonl", "newsletter jsonl", "the naive path against the engine"},
	} {
		if x, ok := ratio(r.a, r.b); ok {
			fmt.Printf("  CPU a message, %s / %s: %.2fx (%s)\n", r.a, r.b, x, r.target)
		}
	}
	if a, b := samples["newsletter jsonl"], samples["newsletter jsonl 1 worker"]; a != nil && b != nil {
		fmt.Printf("  wall speed, the pool against one worker: %.2fx (2 cores give at most 2x; a loaded machine less)\n", median(a.perSec)/median(b.perSec))
	}
	if s := samples["both jsonl"]; s != nil {
		fmt.Printf("  both emails: %.0f messages/s per core (target: at least 10,000)\n", median(s.perCore))
	}
	if !loaded {
		return
	}
	fmt.Println("\nloads (median of the rounds):")
	for _, spec := range loads {
		s := samples[loadName(spec)]
		fmt.Printf("  %4d modules + %3d slots  %7.0f ms wall  %7.0f ms CPU  %5.2f ms CPU a module  (load %s)\n",
			spec.Modules, spec.Slots, median(s.perSec), median(s.perCore), median(s.cpuPer), spread(s.loadAvg))
	}
	a, b := samples[loadName(loads[0])], samples[loadName(loads[4])]
	fmt.Printf("  100 -> 1,000 modules: CPU a module %.2f -> %.2f ms (linear growth keeps it flat); 1,000 modules %.0f ms wall, 400 slots %.0f ms wall (target: under 1 s each)\n",
		median(a.cpuPer), median(b.cpuPer), median(b.perSec), median(samples[loadName(loads[7])].perSec))
}

// median is the middle value (the mean of the two middle ones for an even
// count).
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// spread is the lowest and highest of xs.
func spread(xs []float64) string {
	return fmt.Sprintf("%.1f-%.1f", slices.Min(xs), slices.Max(xs))
}
