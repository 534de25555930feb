package throughput

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"syscall"
	"time"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/inline"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
)

// Path is a way to render: the engine or the naive path.
type Path string

// The two paths compared.
const (
	Engine Path = "engine"
	Naive  Path = "naive"
)

// naive renders without inlining, then inlines each recipient's HTML.
type naive struct{ c *render.Campaign }

func (n naive) Render(ctx context.Context, req render.Request) (*render.Message, error) {
	req.HTMLJSON = nil // the HTML is replaced below (see batch.Renderer)
	m, err := n.c.Render(ctx, req)
	if err != nil {
		return nil, err
	}
	if m.HTML, err = inline.Document(m.HTML); err != nil {
		return nil, fmt.Errorf("%s: inlining: %w", m.ID, err)
	}
	return m, nil
}

// Renderer loads the example workspace for a path.
func Renderer(p Path) (batch.Renderer, *render.Campaign, error) {
	if p == Naive {
		c, err := render.Load(shop.FS(), render.WithoutInlining())
		return naive{c}, c, err
	}
	c, err := render.Load(shop.FS())
	return c, c, err
}

// Recipients is n synthetic recipients as JSONL, as a file would hold them.
func Recipients(n int) []byte {
	var buf bytes.Buffer
	_ = synth.WriteJSONL(&buf, 0, n, synth.Now) // a bytes.Buffer does not fail
	return buf.Bytes()
}

// Result is one measured run.
type Result struct {
	Path     Path
	N        int           // messages rendered
	Failed   int           // messages failed
	Wall     time.Duration // elapsed
	CPU      time.Duration // user+system time of the process
	Workers  int
	PerSec   float64 // N / Wall
	PerCPU   float64 // N / CPU: recipients per second per core
	Segments map[string]int
}

// String formats a result for people.
func (r Result) String() string {
	return fmt.Sprintf("%-6s %8d recipients  %8.0f/s wall  %8.0f/s per core (cpu %s, %d workers, %d failed)",
		r.Path, r.N, r.PerSec, r.PerCPU, r.CPU.Round(time.Millisecond), r.Workers, r.Failed)
}

// Measure renders the JSONL recipients in data on path p with the given
// workers (0: GOMAXPROCS), writing JSONL to out, and times it.
func Measure(ctx context.Context, p Path, data []byte, workers int, out io.Writer) (Result, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	r, c, err := Renderer(p)
	if err != nil {
		return Result{}, err
	}
	opts := batch.Options{Emails: []string{"newsletter"}, Workers: workers,
		IDOf: func(rec recipients.Record) string { return c.RecipientID(rec.Profile) }}
	// Collect what earlier work left, as testing.B does before a benchmark:
	// else sweeping another measurement's garbage is charged to this one.
	runtime.GC()
	cpu0 := cpuTime()
	start := time.Now()
	sum, err := batch.Run(ctx, r, recipients.Read("synthetic.jsonl", bytes.NewReader(data), recipients.JSONL), opts, batch.JSONL(out))
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", p, err)
	}
	res := Result{Path: p, N: sum.Rendered, Failed: sum.Failed, Wall: time.Since(start), CPU: cpuTime() - cpu0,
		Workers: workers, Segments: sum.Segments}
	res.PerSec = float64(res.N) / res.Wall.Seconds()
	res.PerCPU = float64(res.N) / res.CPU.Seconds()
	return res, nil
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
