package render

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runawayChild, set in the environment, makes TestRunaway run its cases
// itself, from the case it names on: it is set for the child processes
// that the parent test starts, so that the parent can read their peak
// memory.
const runawayChild = "TAILOR_TEST_RUNAWAY_CHILD"

// runawayTimeout is the workspace's limits.timeout in every case.
const runawayTimeout = time.Second

// runawaySlack is added to the 1.5 x limits.timeout that a render may take.
// A render looks at the clock every few hundred steps, so it notices its
// deadline within microseconds; what it cannot control is being scheduled:
// this machine has 2 cores, "go test ./..." runs other packages' test
// binaries beside this one, and a GC cycle may stop the world. A quarter
// of a second covers that with room to spare, and is still nothing next to
// a render that does not stop at all.
const runawaySlack = 250 * time.Millisecond

// runawayWatchdog is how long the child waits for one render before it
// declares it unbounded and exits: the render cannot be stopped, and one
// still running would skew every later case.
const runawayWatchdog = 5 * runawayTimeout

// runawayMaxRSS bounds the children's peak resident memory: the test
// binary and the cases' workspaces and profiles take a few tens of MB; a
// render that builds a value past limits.max_bytes, or many, takes more.
const runawayMaxRSS = 150 << 20

// TestRunaway renders templates that run away (loops that never end in
// practice, recursion, values that grow without bound) and requires each
// to fail that one recipient with the bound it ran out of, naming the
// workspace file, line and column of the loop or call, within 1.5 x
// limits.timeout; and the whole run to stay under runawayMaxRSS of peak
// memory. The cases run in a child process (this test binary again) so
// that its peak RSS is theirs alone. A case that kills the child (out of
// memory) or never ends fails, and a new child goes on from the next case,
// so that one runaway does not hide how the others end.
func TestRunaway(t *testing.T) {
	if from := os.Getenv(runawayChild); from != "" {
		i, err := strconv.Atoi(from)
		if err != nil {
			t.Fatalf("%s=%q", runawayChild, from)
		}
		limitAddressSpace(t)
		runRunawayCases(t, i)
		return
	}
	cases := runawayCases()
	var peak int64
	for next := 0; next < len(cases); {
		out, rss, err := runRunawayChild(t, next)
		peak = max(peak, rss)
		done := bytes.Contains(out, []byte(runawayDone))
		switch {
		case err != nil && done:
			t.Errorf("cases %d to %d, in a child (%v, peak RSS %.1f MB):\n%s", next, len(cases)-1, err, mb(rss), compact(out))
		case err == nil && done:
			t.Logf("cases %d to %d, in a child (peak RSS %.1f MB):\n%s", next, len(cases)-1, mb(rss), compact(out))
		}
		if done {
			break
		}
		// The child died in a case: the last one it started.
		i := lastStarted(out)
		if i < next {
			t.Fatalf("the child (%v) started no case:\n%s", err, compact(out))
		}
		t.Errorf("case %q ended its child (%v, peak RSS %.1f MB); cases %d to %d ran in it:\n%s", cases[i].name, err, mb(rss), next, i, compact(out))
		next = i + 1
	}
	if peak >= runawayMaxRSS {
		t.Errorf("the cases' peak RSS was %.1f MB, want under %d MB", mb(peak), runawayMaxRSS>>20)
	}
}

// Lines the child prints: a case starts, the child stops a case that does
// not end, every case has run.
const (
	runawayStart = "runaway: start case "
	runawayStuck = "runaway: still running after "
	runawayDone  = "runaway: every case ran"
)

// runRunawayChild runs the cases from the first-th on in a child process,
// and returns its output and peak RSS.
func runRunawayChild(t *testing.T, first int) ([]byte, int64, error) {
	t.Helper()
	timeout := 2 * time.Minute
	if dl, ok := t.Deadline(); ok {
		timeout = time.Until(dl) - 5*time.Second
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunaway$", "-test.v", "-test.count=1", "-test.timeout="+timeout.String())
	cmd.Env = append(os.Environ(), runawayChild+"="+strconv.Itoa(first))
	out, err := cmd.CombinedOutput()
	if cmd.ProcessState == nil {
		t.Fatalf("the child did not run: %v", err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatalf("no rusage for the child (%T)", cmd.ProcessState.SysUsage())
	}
	return out, ru.Maxrss * 1024, err // Maxrss is in kilobytes on Linux
}

// lastStarted returns the last case the child started, or -1.
func lastStarted(out []byte) int {
	at := bytes.LastIndex(out, []byte(runawayStart))
	if at < 0 {
		return -1
	}
	n, _, _ := strings.Cut(string(out[at+len(runawayStart):]), "\n")
	i, err := strconv.Atoi(n)
	if err != nil {
		return -1
	}
	return i
}

// compact is the child's output without the file lines of stacks, and of
// a crash only the stack of the goroutine that crashed; at most 16 KB.
func compact(out []byte) string {
	var b strings.Builder
	stacks := 0
	for line := range strings.Lines(string(out)) {
		if strings.HasPrefix(line, "goroutine ") {
			if stacks++; stacks == 2 {
				b.WriteString("[the other goroutines' stacks left out]\n")
			}
		}
		if stacks > 1 || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, runawayStart) {
			continue
		}
		if b.Len() > 16<<10 {
			b.WriteString("...\n")
			break
		}
		b.WriteString(line)
	}
	return b.String()
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }

// limitAddressSpace caps the child's address space a few GiB above what it
// has reserved at the start, so that a render that builds without bound
// ends the child with "out of memory" rather than taking the memory of
// everything else on the machine.
func limitAddressSpace(t *testing.T) {
	var vm uint64
	if f, err := os.Open("/proc/self/status"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "VmSize:"); ok {
				kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				vm = kb << 10
			}
		}
		f.Close()
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		t.Logf("no address space limit: %v", err)
		return
	}
	if want := vm + 4<<30; vm > 0 && want < lim.Cur {
		lim.Cur = want
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
			t.Logf("no address space limit: %v", err)
		}
	}
}
