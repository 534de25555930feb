package text

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	url := "https://shop.example/a/very/long/path?with=query&and=more"
	cases := []struct {
		name  string
		in    string
		width int
		want  string
	}{
		{"short line untouched", "a b c", 10, "a b c"},
		{"greedy break", "aaa bbb ccc ddd", 7, "aaa bbb\nccc ddd"},
		{"exact fit", "aaaa bbbb", 9, "aaaa bbbb"},
		{"long word alone", "see " + url + " now", 20, "see\n" + url + "\nnow"},
		{"long first word kept", url + " x", 10, url + "\nx"},
		{"runes not bytes", "ééé ééé ééé", 7, "ééé ééé\nééé"},
		{"inner space runs kept", "a  b c", 4, "a  b\nc"},
		{"run dropped at break", "ab    cd", 4, "ab\ncd"},
		{"bullet hangs", "* one two three", 9, "* one two\n  three"},
		{"nested bullet hangs", "  * one two three", 11, "  * one two\n    three"},
		{"numbered hangs", "10. one two three", 11, "10. one two\n    three"},
		{"indent kept", "  one two three", 9, "  one two\n  three"},
		{"star word is not a bullet", "*one two", 4, "*one\ntwo"},
		{"rule cut to width", strings.Repeat("*", 30), 10, strings.Repeat("*", 10)},
		{"dash rule cut", strings.Repeat("-", 12), 5, "-----"},
		{"mixed line not a rule", "--- x ---", 5, "--- x\n---"},
		{"frame resized to heading", "*************\nHi Ann\n*************\n\nText", 72, "******\nHi Ann\n******\n\nText"},
		{"underline resized", "Hi Ann\n----------", 72, "Hi Ann\n------"},
		{"short rule lengthened", "--\nHello\n--", 0, "-----\nHello\n-----"},
		{"rule capped at width", "--------------------\nabcd efgh ijkl mnop\n--------------------", 10, "----------\nabcd efgh\nijkl mnop\n----------"},
		{"single dash not a rule", "-\nabc", 0, "-\nabc"},
		{"lines kept apart", "aaa bbb\nccc", 3, "aaa\nbbb\nccc"},
		{"trailing spaces dropped", "a  \nb\t\r\n", 0, "a\nb"},
		{"blank runs become one", "a\n\n \n\t\nb", 0, "a\n\nb"},
		{"leading and trailing blanks dropped", "\n\n a\n\n", 0, " a"},
		{"zero width only tidies", "a b c", 0, "a b c"},
		{"empty", "", 20, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Wrap(tc.in, tc.width); got != tc.want {
				t.Errorf("Wrap(%q, %d)\ngot:  %q\nwant: %q", tc.in, tc.width, got, tc.want)
			}
		})
	}
}

// TestWrapLineLengths is premailer-ruby's test_wrapping_lines as a
// property: every line of wrapped text fits, unless it is one word longer
// than the width, and no word is lost.
func TestWrapLineLengths(t *testing.T) {
	in := strings.Repeat("test ", 100) + strings.Repeat("naïve café ", 30)
	for _, width := range []int{4, 5, 20, 33, 65} {
		got := Wrap(in, width)
		for i, line := range strings.Split(got, "\n") {
			if n := utf8.RuneCountInString(line); n > width && strings.Contains(line, " ") {
				t.Errorf("width %d: line %d has %d runes: %q", width, i+1, n, line)
			}
		}
		if strings.Join(strings.Fields(got), " ") != strings.TrimSpace(in) {
			t.Errorf("width %d: words changed", width)
		}
	}
}

// TestWrapAllocs checks that Wrap allocates twice, whatever the text: a
// copy of its input for the byte-based core, and the result. (WrapPart,
// the renderer's path, reads bytes and allocates once: TestWrapPart.)
func TestWrapAllocs(t *testing.T) {
	in := strings.Repeat("Hello there, this is a line of a plain text email.\n\n", 20)
	if n := testing.AllocsPerRun(20, func() { Wrap(in, 30) }); n > 2 {
		t.Errorf("Wrap allocates %v times, want 2", n)
	}
}

// BenchmarkWrap wraps a typical 2 KB text part at 72 columns.
func BenchmarkWrap(b *testing.B) {
	para := "Hi Ann, your order of the Red Shoe is on its way and should arrive on Tuesday. " +
		"Track it here (https://shop.example/track?id=123456789&utm_source=email)."
	in := strings.Repeat(para+"\n\n* an item with some words to wrap around the line end\n\n", 10)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		Wrap(in, 72)
	}
}

// TestWrapPart checks that WrapPart is Wrap with a final newline, in one
// allocation.
func TestWrapPart(t *testing.T) {
	for _, in := range []string{"", "\n\n", "a line  \n\n\n* an item that wraps around\n", "----\nTitle\n----"} {
		for _, width := range []int{0, 10} {
			if got, want := WrapPart([]byte(in), width, LinksInline), Wrap(in, width)+"\n"; got != want {
				t.Errorf("WrapPart(%q, %d) = %q, want %q", in, width, got, want)
			}
		}
	}
	in := strings.Repeat("Hello there, this is a line of a plain text email.\n\nSee what's new (https://shop.example/new?utm_campaign=weekly&utm_content=hero&utm_source=tailor).\n\n", 20)
	b := []byte(in)
	if n := testing.AllocsPerRun(20, func() { WrapPart(b, 30, LinksInline) }); n > 1 {
		t.Errorf("WrapPart allocates %v times, want 1", n)
	}
}

// TestRuneLen checks runeLen against utf8 on ASCII and mixed text around
// its eight-byte steps.
func TestRuneLen(t *testing.T) {
	for _, s := range []string{"", "a", "abcdefgh", "abcdefghi", "Unsubscribe · Email", "ééééééééé", "abcdefg·", "abcdefgh·x", "\xff\xfe"} {
		if got, want := runeLen([]byte(s)), utf8.RuneCountInString(s); got != want && utf8.ValidString(s) {
			t.Errorf("runeLen(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestWrapASCIIMatchesWords checks that the line-at-a-time path for
// ASCII breaks where the word-at-a-time path does, on random lines of
// words of random lengths and runs of spaces, at several widths.
func TestWrapASCIIMatchesWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 17))
	for range 2000 {
		var line strings.Builder
		for w := range 1 + rng.IntN(30) {
			if w > 0 {
				line.WriteString(strings.Repeat(" ", 1+rng.IntN(3)*rng.IntN(2)))
			}
			line.WriteString(strings.Repeat(string(rune('a'+rng.IntN(26))), 1+rng.IntN(20)))
		}
		in := []byte(line.String())
		width, hang := 5+rng.IntN(80), rng.IntN(6)
		var fast, slow strings.Builder
		wrapASCII(&fast, in, width, hang)
		wrapWords(&slow, in, width, hang, true, nil)
		if fast.String() != slow.String() {
			t.Fatalf("width %d, hang %d, %q:\nline at a time: %q\nword at a time: %q", width, hang, in, fast.String(), slow.String())
		}
	}
}

// TestIsRule checks heading rules of every length around isRule's
// eight-byte steps, and lines that only start like one.
func TestIsRule(t *testing.T) {
	for n := 1; n <= 20; n++ {
		for _, c := range "*-" {
			rule := strings.Repeat(string(c), n)
			if got := isRule([]byte(rule)); got != (n >= 2) {
				t.Errorf("isRule(%q) = %v", rule, got)
			}
			for at := 1; at < n; at++ {
				line := rule[:at] + "x" + rule[at+1:]
				if isRule([]byte(line)) {
					t.Errorf("isRule(%q) = true", line)
				}
			}
		}
	}
	if isRule([]byte("*-*-")) || isRule([]byte("ab")) {
		t.Error("mixed or plain lines read as rules")
	}
}
