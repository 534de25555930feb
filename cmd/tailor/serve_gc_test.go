package main

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/examples/shop"
)

// TestServeTunesGC: tailor serve runs the garbage collector at
// batch.GCPercent, as tailor render does, when GOGC is not set: with the
// runtime's trace of each collection, the heap goal stands at about
// 1+GCPercent/100 times the heap left live by the collection before, not
// twice it.
func TestServeTunesGC(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GODEBUG", "gctrace=1")
	base, stop := startServe(t, "--workspace", dir, "--addr", "127.0.0.1:0", "--now", "2026-11-02T09:00:00Z")
	body := `{"template":"newsletter","profile":{"id":"c-1","first_name":"Ana","padding":"` + strings.Repeat("x", 20000) + `"}}`
	for i := range 1500 {
		resp, err := http.Post(base+"/v1/render", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: status %d", i, resp.StatusCode)
		}
	}
	trace := stop()
	// gc 7 @1.2s 1%: ... ms cpu, 12->12->3 MB, 16 MB goal, ...
	cycles := regexp.MustCompile(`(\d+)->(\d+)->(\d+) MB, (\d+) MB goal`).FindAllStringSubmatch(trace, -1)
	if len(cycles) < 3 {
		t.Fatalf("%d collections traced, want several:\n%.2000s", len(cycles), trace)
	}
	want := 1 + float64(batch.GCPercent)/100
	var ratios []string
	for i := 1; i < len(cycles); i++ {
		live, _ := strconv.Atoi(cycles[i-1][3])
		goal, _ := strconv.Atoi(cycles[i][4])
		if live >= 4 { // small heaps have a floor
			r := float64(goal) / float64(live)
			ratios = append(ratios, fmt.Sprintf("%.1f", r))
			if r < want-1.5 {
				t.Errorf("collection %d: goal %d MB for %d MB live, %.1f times; want about %.0f (GOGC=%d)", i, goal, live, r, want, batch.GCPercent)
			}
		}
	}
	if len(ratios) == 0 {
		t.Fatalf("no collection with 4 MB or more live:\n%.2000s", trace)
	}
	t.Logf("heap goal / live heap of the collection before: %s", strings.Join(ratios, " "))
}
