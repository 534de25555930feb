package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tailor-email/tailor/batch/synth"
)

// subprocessEnv makes the test binary act as tailor (see TestMain), so a
// test can start, and kill, a real tailor process without building one.
const subprocessEnv = "TAILOR_TEST_SUBPROCESS"

// tailorCmd is a tailor subprocess.
func tailorCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), subprocessEnv+"=1")
	return cmd
}

// writeRecipients writes n synthetic recipients of the example, with a
// profile that fails a template and a truncated line after nine tenths
// of them.
func writeRecipients(t *testing.T, n int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := synth.WriteJSONL(&buf, 0, n*9/10, synth.Now); err != nil {
		t.Fatal(err)
	}
	buf.WriteString(`{"id": "bad-template", "email": "b@example.com", "cart": [{"name": "x", "price": "abc"}], "cart_updated_at": "2026-11-01T00:00:00Z"}` + "\n")
	buf.WriteString(`{"id": "truncated", "email": "t@exa` + "\n")
	if err := synth.WriteJSONL(&buf, n*9/10, n, synth.Now); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "recipients.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestKillAndResume kills a real tailor render with SIGKILL mid-batch,
// resumes it, and requires the outputs to equal an uninterrupted run's
// byte for byte, with no duplicates and no partial or temporary files.
func TestKillAndResume(t *testing.T) {
	const n = 500
	in := writeRecipients(t, n)
	for _, format := range []string{"eml", "jsonl"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"render", "--recipients", in, "--format", format, "--email", "newsletter", "--now", "2026-11-02T09:00:00Z", "--quiet"}
			full, cut := t.TempDir(), t.TempDir()
			start := time.Now()
			if out, err := tailorCmd(t, append(args, "--out", full)...).CombinedOutput(); exitCode(err) != 1 {
				t.Fatalf("uninterrupted run: %v\n%s", err, out)
			}
			killed := tailorCmd(t, "render", "--recipients", "-", "--format", format, "--email", "newsletter", "--now", "2026-11-02T09:00:00Z", "--quiet", "--out", cut)
			done := killMidBatch(t, killed, in, cut, format)
			t.Logf("killed after %d of %d outputs (%s)", done, n+2, time.Since(start).Round(time.Millisecond))
			resume := tailorCmd(t, append(args, "--out", cut, "--resume")...)
			if out, err := resume.CombinedOutput(); exitCode(err) != 1 {
				t.Fatalf("resumed run: %v\n%s", err, out)
			}
			t.Logf("resumed (%s)", time.Since(start).Round(time.Millisecond))
			if diff := compareTrees(full, cut); diff != "" {
				t.Error(diff)
			}
			checkOutputs(t, cut, format, n)
		})
	}
}

// exitCode is a finished command's exit status (-1 when it did not run).
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// killMidBatch starts cmd reading the first three quarters of the
// recipients in file from a pipe (so it cannot finish), waits until some
// of its outputs exist, and kills it with SIGKILL while it renders.
func killMidBatch(t *testing.T, cmd *exec.Cmd, file, dir, format string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	feed, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		feed.Write(bytes.Join(lines[:len(lines)*3/4], nil)) // fails once the process is killed
	}()
	deadline := time.Now().Add(60 * time.Second)
	for countOutputs(dir, format) < 40 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	feed.Close()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the run was not killed (%v)", err)
	}
	done := countOutputs(dir, format)
	if done == 0 {
		t.Fatal("killed before any output was written")
	}
	return done
}

// countOutputs counts the complete outputs in dir: .eml files, or lines
// of messages.jsonl.
func countOutputs(dir, format string) int {
	if format == "jsonl" {
		b, _ := os.ReadFile(filepath.Join(dir, "messages.jsonl"))
		return bytes.Count(b, []byte("\n"))
	}
	m, _ := filepath.Glob(filepath.Join(dir, "newsletter", "*.eml"))
	return len(m)
}

// checkOutputs requires one output per recipient, once each, two failure
// records, and no temporary file.
func checkOutputs(t *testing.T, dir, format string, n int) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
	if got := countOutputs(dir, format); format == "eml" && got != n || format == "jsonl" && got != n+2 {
		t.Errorf("%d outputs for %d recipients", got, n)
	}
	if format == "jsonl" {
		b, _ := os.ReadFile(filepath.Join(dir, "messages.jsonl"))
		seen := map[string]bool{}
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			id, _, _ := strings.Cut(l, `","template"`)
			if seen[id] {
				t.Errorf("duplicate: %s", id)
			}
			seen[id] = true
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "failures.jsonl"))
	if err != nil || bytes.Count(b, []byte("\n")) != 2 || !bytes.Contains(b, []byte(`"id":"bad-template"`)) {
		t.Errorf("failures.jsonl (%v):\n%s", err, b)
	}
}

// compareTrees reports the differences between two output folders.
func compareTrees(a, b string) string {
	files := map[string]bool{}
	for _, root := range []string{a, b} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				files[rel] = true
			}
			return nil
		})
	}
	var diffs []string
	for rel := range files {
		x, errA := os.ReadFile(filepath.Join(a, rel))
		y, errB := os.ReadFile(filepath.Join(b, rel))
		switch {
		case errA != nil || errB != nil:
			diffs = append(diffs, fmt.Sprintf("%s: only in one run (%v, %v)", rel, errA, errB))
		case !bytes.Equal(x, y):
			diffs = append(diffs, fmt.Sprintf("%s differs (%d and %d bytes)", rel, len(x), len(y)))
		}
		if len(diffs) == 5 {
			break
		}
	}
	return strings.Join(diffs, "\n")
}
