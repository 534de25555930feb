package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestExplainChoiceAndSendTime: segments --explain says, under a slot a
// model chooses, what the model predicted for each eligible module and
// how the choice was made, and ends with the send time and why.
func TestExplainChoiceAndSendTime(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	tailorRun(t, "init", ws)
	f, err := os.OpenFile(filepath.Join(ws, "tailor.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("send_time:\n  fallback: \"10:00\"\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out, _ := tailorRun(t, "segments", "--workspace", ws, "--explain", "c-1003")
	choice := regexp.MustCompile(`\n  slot offer -> (offer/[a-z-]+)\n    chosen by model nba predicts double_points [0-9.]+ \(offer/double-points\), discount [0-9.]+ \(offer/discount\), free_shipping [0-9.]+ \(offer/free-shipping\); (highest: [a-z_]+ \((offer/[a-z-]+)\)|explored .*: (offer/[a-z-]+) at random among 3), propensity 0\.[0-9]{4}`)
	m := choice.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no model choice for the offer slot in:\n%s", out)
	}
	if m[1] != m[3]+m[4] {
		t.Errorf("the slot shows %s, the explanation %s%s", m[1], m[3], m[4])
	}
	want := "\nsend time: 2026-11-02T10:00:00Z (2026-11-02 10:00 GMT, Europe/London): no open or click history, the workspace's fallback\n"
	if !strings.Contains(out, want) {
		t.Errorf("no send time line %q in:\n%s", want, out)
	}
}
