package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestServeRunawayStops starts a real "tailor serve" with --render-timeout
// 1s on a workspace whose hero module loops 10¹⁴ times, without writing,
// for a profile with n = "100000000000". limits.timeout (60s) and
// max_steps (as large as an int goes) cannot stop it; only the request's
// timeout can. The request must get its 422 within --render-timeout + 1s,
// naming the loop, and then the server's CPU use must fall back to idle:
// a render still spinning after its answer would burn a whole core.
func TestServeRunawayStops(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"tailor.yaml":                 "name: runaway\nfrom: \"T <t@example.com>\"\nlimits: {timeout: 60s, max_steps: 9223372036854775807}\n",
		"segments.yaml":               "segments:\n  - name: first\n    when: name == \"R1\"\n",
		"templates/layouts/base.html": "<!DOCTYPE html>\n<html><head><title>{{ .Subject }}</title></head>\n<body>\n{{ template \"content\" . }}\n</body></html>\n",
		"templates/hello.html":        "---\nsubject: Hi {{ .Profile.name | default \"there\" }}\n---\n<p>Hello</p>\n{{ .Slots.hero }}\n",
		"modules/hero/default.html":   "---\n---\n<p>{{ .Profile.name | default \"there\" }}</p>\n{{ range .Profile.n | int }}{{ range 100000 }}{{ end }}{{ end }}\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const renderTimeout = time.Second
	base, stop := startServe(t, "--workspace", dir, "--addr", "127.0.0.1:0", "--render-timeout", renderTimeout.String())
	pid := childWith(t, dir)
	// A client deadline far past the bound, so that a server that never
	// answers fails the test rather than hanging it.
	client := &http.Client{Timeout: 10 * time.Second}

	// A recipient whose loop is short renders.
	if code, body := postRender(t, client, base, `{"id": "r-1", "email": "r1@example.com", "name": "R1", "n": 1}`); code != 200 {
		t.Fatalf("a normal recipient: status %d: %s", code, body)
	}

	start := time.Now()
	code, body := postRender(t, client, base, `{"id": "r-2", "email": "r2@example.com", "name": "R2", "n": "100000000000"}`)
	el := time.Since(start)
	t.Logf("the runaway: %d in %s: %s", code, el.Round(time.Millisecond), body)
	var e struct {
		Error struct{ Code, Position, Recipient string }
	}
	if err := json.Unmarshal(body, &e); err != nil || code != http.StatusUnprocessableEntity || e.Error.Code != "render_failed" || e.Error.Recipient != "r-2" {
		t.Errorf("the runaway: status %d (%v): %s\nwant 422 render_failed for r-2", code, err, body)
	}
	if e.Error.Position != "modules/hero/default.html:4:29" {
		t.Errorf("the runaway's error is at %q, want the inner loop, modules/hero/default.html:4:29", e.Error.Position)
	}
	if el > renderTimeout+time.Second {
		t.Errorf("the runaway's answer took %s, want at most --render-timeout (%s) + 1s", el.Round(time.Millisecond), renderTimeout)
	}

	// The server's CPU time over the next second of wall time (a window
	// to measure over, not a wait for an event). A render still spinning
	// burns a second of CPU per second; an idle server (timers, a GC
	// cycle that frees the stopped render's garbage) a few milliseconds.
	// 0.3s is far from both, and coarser than /proc's 10ms ticks.
	before, err := procStat(pid)
	if err != nil || before.exited {
		t.Fatalf("tailor serve (pid %d): %v, exited %v", pid, err, before.exited)
	}
	time.Sleep(time.Second)
	after, err := procStat(pid)
	if err != nil || after.exited {
		t.Fatalf("tailor serve (pid %d): %v, exited %v", pid, err, after.exited)
	}
	cpu := after.cpu - before.cpu
	t.Logf("tailor serve used %s of CPU in the second after the answer", cpu)
	if cpu >= 300*time.Millisecond {
		t.Errorf("tailor serve used %s of CPU in the second after the runaway's answer, want under 300ms: the render is still running", cpu)
	}

	// And it still serves.
	if code, body := postRender(t, client, base, `{"id": "r-3", "email": "r3@example.com", "name": "R3", "n": 1}`); code != 200 {
		t.Errorf("after the runaway: status %d: %s", code, body)
	}
	if stderr := stop(); !strings.Contains(stderr, "tailor serve: stopped") {
		t.Errorf("stderr after SIGTERM: %s", stderr)
	}
}

// postRender posts a render of the email hello for profile, and returns
// the status and the body.
func postRender(t *testing.T, client *http.Client, base, profile string) (int, []byte) {
	t.Helper()
	resp, err := client.Post(base+"/v1/render", "application/json", strings.NewReader(`{"template":"hello","profile":`+profile+`}`))
	if err != nil {
		t.Fatalf("POST /v1/render: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("POST /v1/render: %v", err)
	}
	return resp.StatusCode, b
}

// childWith returns the PID of this process's child whose command line
// holds arg.
func childWith(t *testing.T, arg string) int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// "pid (comm) state ppid ...": comm may hold spaces.
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) < 2 || f[1] != strconv.Itoa(os.Getpid()) {
			continue
		}
		cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		for a := range bytes.SplitSeq(cmdline, []byte{0}) {
			if string(a) == arg {
				return pid
			}
		}
	}
	t.Fatalf("no child process with %s in its command line", arg)
	return 0
}
