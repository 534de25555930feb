package source

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// benchSize reads a size from the environment, with a small default so
// that go test -bench stays quick. For the figures in the report:
// TAILOR_BENCH_PROFILES=1000000 TAILOR_BENCH_EVENTS=5000000.
func benchSize(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// generate writes profiles.csv (n profiles) and events.csv (m events, 1%
// orphans, spread over two years before now) into dir, streaming.
func generate(tb testing.TB, dir string, n, m int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	write := func(name string, fill func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		fill(w)
		if err := w.Flush(); err != nil {
			tb.Fatal(err)
		}
		if err := f.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	plans := []string{"free", "silver", "gold"}
	write("profiles.csv", func(w *bufio.Writer) {
		w.WriteString("email,first_name,plan,churn_probability,signed_up\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(w, "User%d@Example.com,Name%d,%s,%.3f,2024-%02d-%02d\n", i, i, plans[i%3], rng.Float64(), 1+i%12, 1+i%28)
		}
	})
	write("events.csv", func(w *bufio.Writer) {
		w.WriteString("customer,created_at,total,sku\n")
		for j := 0; j < m; j++ {
			id := rng.IntN(n + n/100) // ids >= n are orphans
			at := now.Add(-time.Duration(rng.Int64N(int64(730 * 24 * time.Hour))))
			fmt.Fprintf(w, "user%d@example.com,%s,%.2f,SKU%d\n", id, at.Format(time.RFC3339), 5+rng.Float64()*200, j%500)
		}
	})
}

// BenchmarkLoad measures merging and aggregation of generated data
// (TAILOR_BENCH_PROFILES, default 10000; TAILOR_BENCH_EVENTS, default
// 50000). It reports the live heap after the load, in MB.
func BenchmarkLoad(b *testing.B) {
	n, m := benchSize("TAILOR_BENCH_PROFILES", 10000), benchSize("TAILOR_BENCH_EVENTS", 50000)
	dir := b.TempDir()
	generate(b, dir, n, m)
	spec := Spec{Inputs: []Input{
		{Name: "crm", Path: "profiles.csv", Key: "email", Types: map[string]string{"churn_probability": "number", "signed_up": "date"}},
		{Name: "orders", Kind: Events, Path: "events.csv", Key: "customer", At: "created_at", Amount: "total", Window: "365d", Prefix: "order_"},
	}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Load(os.DirFS(dir), spec, now)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if res.Len() != n || res.Report.Inputs[1].Rows != m {
			b.Fatalf("loaded %d profiles, %d events; want %d, %d", res.Len(), res.Report.Inputs[1].Rows, n, m)
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heapMB")
		runtime.KeepAlive(res)
		b.StartTimer()
	}
	b.ReportMetric(float64(n), "profiles")
	b.ReportMetric(float64(m), "events")
}

// TestMemoryIndependentOfEvents loads the same profiles with 10x more
// events and checks that the retained heap does not grow with them.
func TestMemoryIndependentOfEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("generates data")
	}
	const n = 2000
	heap := func(m int) uint64 {
		dir := t.TempDir()
		generate(t, dir, n, m)
		spec := Spec{Inputs: []Input{
			{Name: "crm", Path: "profiles.csv", Key: "email"},
			{Name: "orders", Kind: Events, Path: "events.csv", Key: "customer", At: "created_at", Amount: "total"},
		}}
		res, err := Load(os.DirFS(dir), spec, now)
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		runtime.KeepAlive(res)
		return ms.HeapAlloc
	}
	small, large := heap(10*n), heap(100*n)
	// 180000 more events; retaining even 8 bytes each would add 1.4 MB.
	if large > small+512<<10 {
		t.Errorf("heap %d KB with %d events vs %d KB with %d: it grows with events", large>>10, 100*n, small>>10, 10*n)
	}
}
