package serve

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/batch"
	tp "github.com/tailor-email/tailor/batch/throughput"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/serve/internal/load"
	"github.com/tailor-email/tailor/workspace"
)

var (
	costRun         = flag.Bool("cost", false, "run TestServeCost (scripts/serve-cost.sh)")
	costRounds      = flag.Int("cost.rounds", 3, "TestServeCost's alternating rounds")
	costN           = flag.Int("cost.n", 20000, "synthetic recipients of the CLI's batch in each round")
	costDuration    = flag.Duration("cost.duration", 5*time.Second, "how long each round loads the server")
	costConcurrency = flag.Int("cost.concurrency", 50, "requests in flight while loading the server")
	costBatch       = flag.Int("cost.batch", 100, "profiles per request of the /v1/render/batch round")
	costProfile     = flag.String("cost.cpuprofile", "", "write the server's CPU profile to this file")
	costRoutes      = flag.String("cost.routes", "render,render/batch", "the routes TestServeCost loads")
)

// childEnv marks the test binary started as TestServeCost's server.
const childEnv = "TAILOR_SERVE_COST_CHILD"

// TestServeCost measures, in one run of alternating rounds, the CPU time
// per message of tailor render (the batch engine, JSONL to nowhere, as
// batch/throughput measures it) and of the render API: a server in a
// process of its own (this test binary, as TestServeChild) loaded over
// loopback by clients in this one, through POST /v1/render (one profile a
// request) and POST /v1/render/batch (-cost.batch a request), for the
// same synthetic recipients of the example newsletter. The server's CPU
// time is its own, read from it before and after each round. It prints
// each round and the medians. It runs only with -cost:
//
//	go test ./serve -run TestServeCost -v -cost
func TestServeCost(t *testing.T) {
	if !*costRun {
		t.Skip("measures for a while: run with -cost")
	}
	batch.TuneGC() // as tailor render does
	cli, err := tp.Prepare(tp.Case{Name: "cli", Path: tp.Engine, Emails: []string{"newsletter"}, Format: "jsonl"})
	if err != nil {
		t.Fatal(err)
	}
	data := tp.Recipients(*costN)
	single, batches := requestBodies(data, *costBatch)
	child := startChild(t)
	var cliPer, renderPer, batchPer []float64
	for round := 1; round <= *costRounds; round++ {
		r, err := cli.Measure(context.Background(), data, 0, io.Discard)
		if err != nil || r.Failed > 0 {
			t.Fatalf("cli: %v (%d failed)", err, r.Failed)
		}
		cliPer = append(cliPer, float64(r.CPUPer().Nanoseconds())/1e3)
		fmt.Printf("round %d  load %4.1f  cli     %6.1f µs CPU a message (%2.0f%% system) (%d messages)\n", round, tp.LoadAverage(), cliPer[len(cliPer)-1], 100*float64(r.Sys)/float64(max(r.CPU, 1)), r.N)
		if strings.Contains(*costRoutes, "render,") || *costRoutes == "render" {
			renderPer = append(renderPer, child.round(t, round, "render", single, 1))
		}
		if strings.Contains(*costRoutes, "render/batch") {
			batchPer = append(batchPer, child.round(t, round, "render/batch", batches, *costBatch))
		}
	}
	c, s, b := median(cliPer), median(renderPer), median(batchPer)
	fmt.Printf("medians: cli %.1f µs, /v1/render %.1f µs (%.2fx), /v1/render/batch %.1f µs (%.2fx) of CPU a message\n",
		c, s, s/c, b, b/c)
}

// requestBodies makes the /v1/render bodies (one per recipient) and the
// /v1/render/batch bodies (n profiles each) of the JSONL recipients.
func requestBodies(data []byte, n int) (single, batches [][]byte) {
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	for _, l := range lines {
		single = append(single, fmt.Appendf(nil, `{"template":"newsletter","profile":%s}`, l))
	}
	for i := 0; i < len(lines); i += n {
		b := []byte(`{"template":"newsletter","profiles":[`)
		b = append(b, bytes.Join(lines[i:min(i+n, len(lines))], []byte(","))...)
		batches = append(batches, append(b, "]}"...))
	}
	return single, batches
}

// child is the server process of TestServeCost.
type child struct {
	url string
	in  io.Writer
	out *bufio.Scanner
}

// startChild starts this test binary as TestServeChild and reads its URL.
func startChild(t *testing.T) *child {
	args := []string{"-test.run=^TestServeChild$"}
	if *costProfile != "" {
		args = append(args, "-test.cpuprofile="+*costProfile)
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		cmd.Wait()
	})
	c := &child{in: in, out: bufio.NewScanner(out)}
	for c.out.Scan() {
		if u, ok := strings.CutPrefix(c.out.Text(), "url "); ok {
			c.url = u
			return c
		}
	}
	t.Fatalf("the server did not start: %v", c.out.Err())
	return nil
}

// cpu asks the server for its CPU time so far, and the system time of it.
func (c *child) cpu(t *testing.T) (cpu, sys time.Duration) {
	fmt.Fprintln(c.in, "cpu")
	for c.out.Scan() {
		if s, ok := strings.CutPrefix(c.out.Text(), "cpu "); ok {
			total, system, _ := strings.Cut(s, " ")
			ns, err := strconv.ParseInt(total, 10, 64)
			sysNS, serr := strconv.ParseInt(system, 10, 64)
			if err != nil || serr != nil {
				t.Fatalf("the server's cpu line %q", s)
			}
			return time.Duration(ns), time.Duration(sysNS)
		}
	}
	t.Fatalf("the server stopped: %v", c.out.Err())
	return 0, 0
}

// round loads the server's route with bodies (each of per messages) for
// -cost.duration and returns its CPU time a message, in µs.
func (c *child) round(t *testing.T, round int, route string, bodies [][]byte, per int) float64 {
	cpu0, sys0 := c.cpu(t)
	client0 := tp.CPUTime()
	res := load.Run(context.Background(), load.Options{URL: c.url + "/v1/" + route, Bodies: bodies,
		Concurrency: *costConcurrency, Duration: *costDuration})
	cpu1, sys1 := c.cpu(t)
	cpu, sys, client := cpu1-cpu0, sys1-sys0, tp.CPUTime()-client0
	if res.Errors > 0 || res.Requests == 0 {
		t.Fatalf("%s: %d of %d requests failed; first: %v", route, res.Errors, res.Requests, res.FirstErr)
	}
	msgs := res.Requests * per
	us := float64(cpu.Nanoseconds()) / 1e3 / float64(msgs)
	fmt.Printf("round %d  load %4.1f  %-12s %6.1f µs CPU a message in the server (%2.0f%% system), %6.1f in the clients (%d messages, %.0f a second)\n",
		round, tp.LoadAverage(), route, us, 100*float64(sys)/float64(max(cpu, 1)), float64(client.Nanoseconds())/1e3/float64(msgs), msgs, float64(msgs)/res.Elapsed.Seconds())
	return us
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	return s[len(s)/2]
}

// TestServeChild is TestServeCost's server: it serves the example on a
// loopback port it prints ("url URL"), answers "cpu" on stdin with its
// CPU time ("cpu NANOSECONDS"), and stops when stdin closes. It runs only
// as TestServeCost's child.
func TestServeChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("TestServeCost's server")
	}
	batch.TuneGC() // as tailor serve does
	s, _ := newServer(t, "", Options{MaxBatch: 10000})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	fmt.Println("url " + srv.URL)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		if in.Text() == "cpu" {
			fmt.Printf("cpu %d %d\n", tp.CPUTime().Nanoseconds(), tp.SysTime().Nanoseconds())
		}
	}
}

// BenchmarkRenderCost compares, per message, the render API's handler
// (POST /v1/render: read, decode, type, render, encode; no network) with
// tailor render's path (batch.Run over JSONL recipients, typed by the
// workspace's schema, to nowhere, one worker, 100 recipients an op), for
// the same synthetic newsletter recipients. For instruction counts, run it
// under callgrind (see docs/serve.md).
func BenchmarkRenderCost(b *testing.B) {
	data := tp.Recipients(100)
	single, _ := requestBodies(data, 1)
	b.Run("handler", func(b *testing.B) {
		s, _ := newServer(b, "", Options{})
		h := s.Handler()
		w := &discard{header: http.Header{}}
		for i := 0; b.Loop(); i++ {
			req := httptest.NewRequest("POST", "/v1/render", bytes.NewReader(single[i%len(single)]))
			req.RemoteAddr, req.Host = "127.0.0.1:1234", "127.0.0.1"
			clear(w.header)
			h.ServeHTTP(w, req)
			if w.status != http.StatusOK {
				b.Fatalf("status %d", w.status)
			}
		}
	})
	b.Run("cli", func(b *testing.B) {
		c, err := render.Load(shop.FS())
		if err != nil {
			b.Fatal(err)
		}
		opts := batch.Options{Emails: []string{"newsletter"}, Workers: 1}
		for b.Loop() {
			in := recipients.ReadWith("synthetic.jsonl", bytes.NewReader(data), recipients.JSONL, workspace.ReadOptions(c.Schema, c.Config))
			sum, err := batch.Run(context.Background(), c, in, opts, batch.JSONL(io.Discard))
			if err != nil || sum.Rendered != len(single) {
				b.Fatalf("%v: %d rendered", err, sum.Rendered)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(single)), "ns/message")
	})
}

// discard is a ResponseWriter that keeps the status only.
type discard struct {
	header http.Header
	status int
}

func (d *discard) Header() http.Header         { return d.header }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(code int)        { d.status = code }
