package throughput

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/inline"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/workspace"
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
	return rendererOf(shop.FS(), p)
}

func rendererOf(ws fs.FS, p Path) (batch.Renderer, *render.Campaign, error) {
	if p == Naive {
		c, err := render.Load(ws, render.WithoutInlining())
		return naive{c}, c, err
	}
	c, err := render.Load(ws)
	return c, c, err
}

// Recipients is n synthetic recipients as JSONL, as a file would hold them.
func Recipients(n int) []byte {
	var buf bytes.Buffer
	_ = synth.WriteJSONL(&buf, 0, n, synth.Now) // a bytes.Buffer does not fail
	return buf.Bytes()
}

// Case is one thing to measure: emails of a workspace, on a path, in a
// format.
type Case struct {
	Name   string
	Path   Path
	Emails []string
	// Format is "jsonl" (to a discarding writer, or to out) or "eml" (a
	// fresh folder in Dir, removed after).
	Format string
	// Dir is where eml writes its folder ("": the system's temporary
	// folder).
	Dir string
	// Workspace grows the example (see Generated); nil is the example.
	Workspace *Spec
	// Workers is how many render (0: as Measure is told).
	Workers int
}

// Result is one measured run.
type Result struct {
	Case     string
	Path     Path
	N        int           // messages rendered
	Failed   int           // messages failed
	Wall     time.Duration // elapsed
	CPU      time.Duration // user+system time of the process
	Sys      time.Duration // of which system (the kernel's work for it)
	Workers  int
	PerSec   float64 // N / Wall
	PerCPU   float64 // N / CPU: messages per second per core
	Segments map[string]int
}

// CPUPer is the CPU time per message.
func (r Result) CPUPer() time.Duration {
	if r.N == 0 {
		return 0
	}
	return r.CPU / time.Duration(r.N)
}

// String formats a result for people.
func (r Result) String() string {
	name := r.Case
	if name == "" {
		name = string(r.Path)
	}
	sys := 0.0
	if r.CPU > 0 {
		sys = 100 * float64(r.Sys) / float64(r.CPU)
	}
	return fmt.Sprintf("%-28s %7d msgs  %8.0f/s wall  %8.0f/s per core  %6.1f µs CPU each, %2.0f%% system (%d workers, %d failed)",
		name, r.N, r.PerSec, r.PerCPU, float64(r.CPUPer().Nanoseconds())/1e3, sys, r.Workers, r.Failed)
}

// Measure renders the JSONL recipients in data on path p with the given
// workers (0: GOMAXPROCS), writing JSONL to out, and times it.
func Measure(ctx context.Context, p Path, data []byte, workers int, out io.Writer) (Result, error) {
	return MeasureCase(ctx, Case{Path: p, Emails: []string{"newsletter"}, Format: "jsonl"}, data, workers, out)
}

// MeasureCase loads the workspace of c and measures it once (see
// Prepared.Measure).
func MeasureCase(ctx context.Context, c Case, data []byte, workers int, out io.Writer) (Result, error) {
	p, err := Prepare(c)
	if err != nil {
		return Result{}, err
	}
	return p.Measure(ctx, data, workers, out)
}

// Prepared is a case with its workspace loaded, to measure in rounds.
type Prepared struct {
	Case
	r    batch.Renderer
	camp *render.Campaign
}

// Prepare loads the workspace of c.
func Prepare(c Case) (*Prepared, error) {
	ws := shop.FS()
	if c.Workspace != nil {
		var err error
		if ws, err = Generated(*c.Workspace); err != nil {
			return nil, err
		}
	}
	r, camp, err := rendererOf(ws, c.Path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.label(), err)
	}
	return &Prepared{Case: c, r: r, camp: camp}, nil
}

// Measure renders the JSONL recipients in data with the given workers
// (0: GOMAXPROCS), JSONL to out or .eml files as the case says, and times
// the batch.
func (p *Prepared) Measure(ctx context.Context, data []byte, workers int, out io.Writer) (Result, error) {
	if p.Workers > 0 {
		workers = p.Workers
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sink := batch.JSONL(out)
	if p.Format == "eml" {
		dir, err := os.MkdirTemp(p.Dir, "tailor-throughput-")
		if err != nil {
			return Result{}, err
		}
		defer os.RemoveAll(dir)
		if sink, err = batch.Dir(dir, "eml", false); err != nil {
			return Result{}, err
		}
	}
	opts := batch.Options{Emails: p.Emails, Workers: workers,
		IDOf: func(rec recipients.Record) string { return p.camp.RecipientID(rec.Profile) }}
	// Collect what earlier work left, as testing.B does before a benchmark:
	// else sweeping another measurement's garbage is charged to this one.
	runtime.GC()
	cpu0, sys0 := CPUTime(), SysTime()
	start := time.Now()
	// Typed by the workspace's schema (or inferred types), as tailor render reads them.
	in := recipients.ReadWith("synthetic.jsonl", bytes.NewReader(data), recipients.JSONL, workspace.ReadOptions(p.camp.Schema, p.camp.Config))
	sum, err := batch.Run(ctx, p.r, in, opts, sink)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", p.label(), err)
	}
	res := Result{Case: p.Name, Path: p.Path, N: sum.Rendered, Failed: sum.Failed, Wall: time.Since(start), CPU: CPUTime() - cpu0,
		Sys: SysTime() - sys0, Workers: workers, Segments: sum.Segments}
	res.PerSec = float64(res.N) / res.Wall.Seconds()
	res.PerCPU = float64(res.N) / res.CPU.Seconds()
	return res, nil
}

func (c Case) label() string {
	if c.Name != "" {
		return c.Name
	}
	return string(c.Path) + " " + strings.Join(c.Emails, "+")
}

// CPUTime is the process's user and system time so far.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// SysTime is the process's system time so far: the kernel's work for it.
func SysTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Stime.Nano())
}

// LoadAverage is the system's one-minute load average, or -1 when
// /proc/loadavg cannot be read.
func LoadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	var one float64
	if _, err := fmt.Sscan(string(b), &one); err != nil {
		return -1
	}
	return one
}
