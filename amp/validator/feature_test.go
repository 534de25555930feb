package validator

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/peers"
)

// positionFloor is how many of the 18 feature tests must report exactly the
// official set of error positions; messageFloor how many must report the
// official error lines word for word (position, message, spec URL).
const (
	positionFloor = 18
	messageFloor  = 18
)

// officialOut is what an upstream .out file expects.
type officialOut struct {
	pass      bool
	positions []string // "line:col", sorted, duplicates kept once
	lines     []string // the error lines without the file prefix
}

var outLineRe = regexp.MustCompile(`^amp4email_feature_tests/[^:]+\.html:(\d+):(\d+) (.*)$`)

func readOut(t *testing.T, path string) officialOut {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read expected output: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var o officialOut
	first := true
	seen := map[string]bool{}
	for sc.Scan() {
		line := sc.Text()
		if first {
			o.pass = line == "PASS"
			first = false
			continue
		}
		if m := outLineRe.FindStringSubmatch(line); m != nil {
			pos := m[1] + ":" + m[2]
			o.lines = append(o.lines, pos+" "+m[3])
			if !seen[pos] {
				seen[pos] = true
				o.positions = append(o.positions, pos)
			}
		}
	}
	sort.Strings(o.positions)
	return o
}

func positionsOf(res Result) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range res.Errors {
		pos := fmt.Sprintf("%d:%d", e.Line, e.Col)
		if !seen[pos] {
			seen[pos] = true
			out = append(out, pos)
		}
	}
	sort.Strings(out)
	return out
}

// TestFeatureTests runs the official AMP4EMAIL feature tests. The verdict
// (PASS or FAIL) must match on every case; the number of cases reporting
// exactly the official set of error positions must not drop below
// positionFloor.
func TestFeatureTests(t *testing.T) {
	dir := peers.Dir(t, "amp4email-validator", "amp4email_feature_tests")
	inputs, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no feature tests in %s: %v", dir, err)
	}
	same, sameText := 0, 0
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".html")
		doc, err := os.ReadFile(in)
		if err != nil {
			t.Fatalf("read input: %v", err)
		}
		want := readOut(t, strings.TrimSuffix(in, ".html")+".out")
		res := Validate(doc)
		if res.Pass != want.pass {
			t.Errorf("%s: got pass=%v, official pass=%v; errors:\n%s", name, res.Pass, want.pass, errorLines(res))
		}
		got := positionsOf(res)
		if len(minus(want.lines, errorStrings(res)))+len(minus(errorStrings(res), want.lines)) == 0 {
			sameText++
		} else {
			t.Logf("%s: messages differ\n%s", name, diffLines(want.lines, res))
		}
		if strings.Join(got, " ") == strings.Join(want.positions, " ") {
			same++
			continue
		}
		t.Logf("%s: positions differ\n  missing: %v\n  extra:   %v\n%s", name, minus(want.positions, got), minus(got, want.positions), diffLines(want.lines, res))
	}
	t.Logf("same error positions as the official validator: %d of %d feature tests", same, len(inputs))
	t.Logf("same error lines (position, message and spec URL): %d of %d", sameText, len(inputs))
	fmt.Printf("amp4email feature tests with the official error positions: %d/%d (identical messages: %d/%d)\n", same, len(inputs), sameText, len(inputs))
	if same < positionFloor {
		t.Errorf("only %d feature tests give the official error positions; the floor is %d", same, positionFloor)
	}
	if sameText < messageFloor {
		t.Errorf("only %d feature tests give the official error lines; the floor is %d", sameText, messageFloor)
	}
}

func errorLines(res Result) string {
	var b strings.Builder
	for _, e := range res.Errors {
		fmt.Fprintf(&b, "  %s %s\n", e.Severity, e)
	}
	return b.String()
}

func errorStrings(res Result) []string {
	out := make([]string, len(res.Errors))
	for i, e := range res.Errors {
		out[i] = e.String()
	}
	return out
}

// diffLines shows official lines we lack (-) and our lines not official (+).
func diffLines(want []string, res Result) string {
	got := errorStrings(res)
	var b strings.Builder
	for _, l := range minus(want, got) {
		fmt.Fprintf(&b, "  - %s\n", l)
	}
	for _, l := range minus(got, want) {
		fmt.Fprintf(&b, "  + %s\n", l)
	}
	return b.String()
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}
