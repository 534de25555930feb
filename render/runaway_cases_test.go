package render

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tailor-email/tailor/segment"
)

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
