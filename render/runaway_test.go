package render

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tailor-email/tailor/segment"
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

// A runawayCase is one workspace file and one recipient.
type runawayCase struct {
	name string
	// file is the workspace file that holds the template (an email, or
	// the hero slot's only fallback module); src is its whole content.
	file, src string
	// limits replaces the workspace's limits ({timeout: 1s}).
	limits  string
	profile segment.Profile
	// at is the "file:line:col: " that the error must start with (see
	// place); empty when the render must succeed.
	at string
	// want: the error must be one of these (errors.Is), or, when msg is
	// set, say msg.
	want []error
	msg  string
	// anyCol: at names the line, and any column of it will do.
	anyCol bool
	// harmless: the template may also render, as long as it does so
	// within the bounds.
	harmless bool
}

// place is the "file:line:col: " of the nth (from 1) occurrence of the
// action that begins with action in src, as errors name it: the line and
// the column of its "{{", from 1.
func place(file, src, action string, nth int) string {
	at := -1
	for range nth {
		i := strings.Index(src[at+1:], action)
		if i < 0 {
			panic(fmt.Sprintf("%q: no %d of %q", src, nth, action))
		}
		at += 1 + i
	}
	line := 1 + strings.Count(src[:at], "\n")
	col := at - strings.LastIndex(src[:at], "\n")
	return fmt.Sprintf("%s:%d:%d: ", file, line, col)
}

// runawayWorkspace is smallWorkspace() with tc's file and limits.
func runawayWorkspace(tc runawayCase) fstest.MapFS {
	ws := smallWorkspace()
	limits := tc.limits
	if limits == "" {
		limits = "{timeout: " + runawayTimeout.String() + "}"
	}
	ws["tailor.yaml"] = &fstest.MapFile{Data: []byte("name: t\nfrom: \"T <t@example.com>\"\nnow: \"2026-01-01T00:00:00Z\"\nlimits: " + limits + "\n")}
	if strings.HasPrefix(tc.file, "modules/hero/") {
		delete(ws, "modules/hero/default.md") // tc.file takes its place
	}
	ws[tc.file] = &fstest.MapFile{Data: []byte(tc.src)}
	return ws
}

// jsonProfile decodes a profile as a recipients file or a request to the
// API does: numbers are float64.
func jsonProfile(s string) segment.Profile {
	var p segment.Profile
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		panic(err)
	}
	return p
}

func runawayCases() []runawayCase {
	const (
		hello = "templates/hello.html"
		md    = "modules/hero/default.md"
		html  = "modules/hero/default.html"
	)
	// emailSrc is an email whose body, body, is on line 4.
	emailSrc := func(body string) string { return "---\nsubject: Hi\n---\n" + body + "\n{{ .Slots.hero }}\n" }
	loop := []error{ErrSteps, ErrTimeout} // which trips first depends on the machine
	large := []error{ErrTooLarge}
	r := segment.Profile{"id": "r"}
	items := make([]any, 100_000)
	for i := range items {
		items[i] = i
	}

	var cases []runawayCase
	add := func(tc runawayCase, action string, nth int) {
		if strings.HasPrefix(tc.file, "modules/") {
			tc.src = "---\n---\n" + tc.src // a fallback module: empty front matter
		}
		if action != "" {
			tc.at = place(tc.file, tc.src, action, nth)
		}
		if tc.anyCol {
			tc.at = tc.at[:strings.LastIndex(tc.at[:len(tc.at)-2], ":")+1] // "file:line:"
		}
		cases = append(cases, tc)
	}

	// The harness: a template that renders, and a loop that writes, which
	// the bound on each part's output stops.
	add(runawayCase{name: "a normal template renders", file: hello, profile: segment.Profile{"id": "r", "name": "Ann", "items": []any{1, 2, 3}},
		src: emailSrc(`<p>{{ range .Profile.items }}{{ . }} {{ end }}{{ .Profile.name | default "there" }}</p>`)}, "", 0)
	add(runawayCase{name: "a loop that writes", file: hello, profile: r, want: large,
		src: emailSrc(`<p>{{ range 10000000 }}0123456789{{ end }}</p>`)}, "{{ range", 1)

	// Loops: each stops in its inner loop.
	add(runawayCase{name: "nested integer ranges", file: hello, profile: r, want: loop,
		src: emailSrc(`{{ range 100000 }}{{ range 100000 }}{{ end }}{{ end }}`)}, "{{ range", 2)
	add(runawayCase{name: "a range over a computed variable", file: html, profile: r, want: loop,
		src: "<p>Hi</p>\n{{ $n := mul 1000 1000 }}{{ range $n }}{{ range $n }}{{ end }}{{ end }}\n"}, "{{ range", 2)
	add(runawayCase{name: "a range over a profile number (a string)", file: md, want: loop,
		profile: jsonProfile(`{"id": "r", "n": "100000000000"}`),
		src:     "---\npriority: 0\n---\n# Hi\n\n{{ range .Profile.n | int }}{{ range 100000 }}{{ end }}{{ end }}\n"}, "{{ range", 2)
	add(runawayCase{name: "a range over a profile number (a JSON number)", file: md, want: loop,
		profile: jsonProfile(`{"id": "r", "n": 100000000000}`),
		src:     "---\npriority: 0\n---\n# Hi\n\n{{ range .Profile.n | int }}{{ range 100000 }}{{ end }}{{ end }}\n"}, "{{ range", 2)
	add(runawayCase{name: "ranges over a profile list, three deep", file: hello, profile: segment.Profile{"id": "r", "items": items}, want: loop,
		src: emailSrc(`{{ range .Profile.items }}{{ range $.Profile.items }}{{ range $.Profile.items }}{{ end }}{{ end }}{{ end }}`)}, "{{ range", 3)

	// Recursion through templates defined in the same file: calls nest at
	// most 100 deep (README), which ends a plain recursion at once; one
	// that calls itself twice stays under that depth and needs the steps.
	add(runawayCase{name: "a define that calls itself", file: html, profile: r, want: loop, msg: "calls nested more than 100 deep",
		src: "{{ define \"r\" }}<p>{{ template \"r\" . }}</p>{{ end }}\n<div>{{ template \"r\" . }}</div>\n"}, `{{ template "r"`, 1)
	add(runawayCase{name: "two defines that call each other", file: html, profile: r, want: loop, msg: "calls nested more than 100 deep",
		src: "{{ define \"a\" }}{{ template \"b\" . }}{{ end }}\n{{ define \"b\" }}{{ template \"a\" . }}{{ end }}\n<p>{{ template \"a\" . }}</p>\n"}, `{{ template "a"`, 1)
	// 2³⁰ calls, 30 deep: the budget runs out in one of the define's
	// actions (the condition, or either call), on line 1.
	add(runawayCase{name: "a define that calls itself twice, 30 deep", file: html, profile: r, want: loop, anyCol: true,
		src: "{{ define \"r\" }}{{ if lt . 30 }}{{ template \"r\" add . 1 }}{{ template \"r\" add . 1 }}{{ end }}{{ end }}\n<p>{{ template \"r\" 0 }}</p>\n"},
		`{{ if lt`, 1)

	// Values that grow: each must fail at the call that would build more
	// than limits.max_bytes (1 MiB), before building it. replace "" $a $a
	// makes len² + 2·len of len: 30, 960, 923,520, then 8.5·10¹¹.
	add(runawayCase{name: "replace, four deep", file: hello, profile: r, want: large,
		src: emailSrc(`{{ $a := "abcdefghijklmnopqrstuvwxyz0123" }}{{ $a = replace "" $a $a }}{{ $a = replace "" $a $a }}{{ $a = replace "" $a $a }}{{ $a = replace "" $a $a }}<p>{{ len $a }}</p>`)},
		"{{ $a = replace", 3) // 30, 960, then 923,520 bytes: the third would pass 1 MiB
	// fmt refuses a width or a precision over 10⁶ (it prints %!(BADWIDTH)),
	// so these two build nothing large: either end is fine, in bounds.
	add(runawayCase{name: "printf with a width of 10⁸", file: html, profile: r, want: large, harmless: true,
		src: "<p>{{ printf \"%*d\" 100000000 1 }}</p>\n"}, "{{ printf", 1)
	add(runawayCase{name: "printf with a precision of 10⁸", file: html, profile: r, want: large, harmless: true,
		src: "<p>{{ printf \"%.100000000f\" 1.0 }}</p>\n"}, "{{ printf", 1)
	// Under fmt's limit, two of them make 2 MB, kept in a variable.
	add(runawayCase{name: "printf with two widths of 10⁶", file: html, profile: r, want: large,
		src: "{{ $x := printf \"%*d%*d\" 1000000 1 1000000 1 }}<p>{{ len $x }}</p>\n"}, "{{ $x := printf", 1)
	// "ab", "ab ab", ...: 3·2ᵏ - 1 bytes, past 1 MiB at the 19th.
	add(runawayCase{name: "cat doubling a string", file: hello, profile: r, want: large,
		src: emailSrc(`{{ $s := "ab" }}{{ range 64 }}{{ $s = cat $s $s }}{{ end }}<p>{{ len $s }}</p>`)}, "{{ $s = cat", 1)
	add(runawayCase{name: "concat doubling a list", file: hello, profile: r, want: large,
		src: emailSrc(`{{ $l := list 1 2 }}{{ range 64 }}{{ $l = concat $l $l }}{{ end }}<p>{{ len $l }}</p>`)}, "{{ $l = concat", 1)

	// limits.max_steps is the workspace's.
	add(runawayCase{name: "max_steps: 50 stops 100 iterations", file: hello, profile: r, want: []error{ErrSteps}, limits: "{timeout: 1s, max_steps: 50}",
		src: emailSrc(`{{ range 100 }}{{ end }}<p>done</p>`)}, "{{ range", 1)
	add(runawayCase{name: "max_steps: 1000 lets 100 iterations through", file: hello, profile: r, limits: "{timeout: 1s, max_steps: 1000}",
		src: emailSrc(`{{ range 100 }}{{ end }}<p>done</p>`)}, "", 0)
	return cases
}

// runRunawayCases runs in the child: each case from the first-th on, in
// turn, each render timed.
func runRunawayCases(t *testing.T, first int) {
	limit := runawayTimeout*3/2 + runawaySlack
	for i, tc := range runawayCases() {
		if i < first {
			continue
		}
		fmt.Printf("%s%d\n", runawayStart, i)
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(runawayWorkspace(tc))
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			type result struct {
				m   *Message
				err error
				el  time.Duration
			}
			done := make(chan result, 1)
			go func() {
				start := time.Now()
				m, err := c.Render(context.Background(), Request{Email: "hello", Profile: tc.profile})
				done <- result{m, err, time.Since(start)}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(runawayWatchdog):
				// The render cannot be stopped, and would skew every
				// later case: end this child; the parent goes on.
				fmt.Printf("%s%s: the render is not bounded\n", runawayStuck, runawayWatchdog)
				os.Exit(3)
			}
			t.Logf("%s: %v", r.el.Round(time.Millisecond), r.err)
			if r.el > limit {
				t.Errorf("the render took %s, want at most 1.5 x limits.timeout (%s) + %s", r.el.Round(time.Millisecond), runawayTimeout, runawaySlack)
			}
			if tc.at == "" || tc.harmless && r.err == nil {
				if r.err != nil {
					t.Fatalf("err = %v, want the email", r.err)
				}
				if !strings.Contains(r.m.HTML, "</p>") {
					t.Errorf("html:\n%s", r.m.HTML)
				}
				return
			}
			if r.err == nil {
				t.Fatalf("rendered (%d bytes of HTML), want an error", len(r.m.HTML))
			}
			if !startsWithPlace(r.err.Error(), tc.at) {
				t.Errorf("err = %v\nwant it to start with %q", r.err, tc.at+map[bool]string{true: "COL: "}[tc.anyCol])
			}
			if !isOneOf(r.err, tc.want) && (tc.msg == "" || !strings.Contains(r.err.Error(), tc.msg)) {
				t.Errorf("err = %v\nwant %v%s", r.err, tc.want, orMsg(tc.msg))
			}
		})
	}
	fmt.Println(runawayDone)
}

// startsWithPlace reports whether msg starts with at, "file:line:col: ",
// or with at, "file:line:", and a column.
func startsWithPlace(msg, at string) bool {
	rest, ok := strings.CutPrefix(msg, at)
	if !ok || strings.HasSuffix(at, ": ") {
		return ok
	}
	col, _, ok := strings.Cut(rest, ": ")
	_, err := strconv.Atoi(col)
	return ok && err == nil
}

func isOneOf(err error, targets []error) bool {
	for _, e := range targets {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

func orMsg(msg string) string {
	if msg == "" {
		return ""
	}
	return fmt.Sprintf(" or %q", msg)
}
