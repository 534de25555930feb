package templates

import (
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// pieces are what random strings are made of: ASCII, letters whose case
// mapping grows or shrinks, invalid UTF-8, characters escapers and
// quoting grow, format verbs and regexp references.
var pieces = []string{"a", "Z", "b", " ", "  ", "-", "_", ".", "é", "ȿ", "ı", "ß", "ǅ", "ﬃ", "日本",
	"\xff", "\xc3", "\x00", "\x1b", "<", ">", "&", "\"", "'", "\\", "\n", "\t", "\u2028", "😀", "\U000e0001",
	"%", "%d", "%v", "$", "$1", "${1}", "1", "42", "=", "+", "/", "\u00a0", "\u0085", "MST", "2006", "January"}

func randString(r *rand.Rand, n int) string {
	var b strings.Builder
	for range r.IntN(n + 1) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

var randTime = time.Date(2026, 9, 2, 13, 4, 5, 123456789, time.FixedZone("CEST", 7200))

// randValue is a random value of the kinds template data holds.
func randValue(r *rand.Rand, depth int) any {
	switch k := r.IntN(16); {
	case k < 4:
		return randString(r, 8)
	case k == 4:
		return r.IntN(2000) - 1000
	case k == 5:
		return []int64{math.MinInt64, math.MaxInt64, -7, 0}[r.IntN(4)]
	case k == 6:
		return []float64{1e308, -1e-300, 3.14159, math.NaN(), math.Inf(-1), 0, 123456.789, 1e21,
			-2.2250738585072014e-308, 0.1 + 0.2, -math.MaxFloat64, 5e-324, -0.0000012345678901234567, 1.2345678901234567e20}[r.IntN(14)]
	case k == 7:
		return r.IntN(2) == 0
	case k == 8:
		return nil
	case k == 9:
		return []any{randTime, time.Month(r.IntN(14)), time.Duration(r.Int64()), &randTime, time.Weekday(3),
			time.Now(), randTime.In(time.FixedZone("Somewhere_With_A_Long_Zone_Name", -34200))}[r.IntN(7)]
	case k == 10:
		return []any{htmltemplate.HTML(randString(r, 4)), json.Number("12.5"), []byte(randString(r, 4)), uint8(200),
			randStruct(r, depth), &testStruct{Name: randString(r, 3)}}[r.IntN(6)]
	case depth > 2:
		return randString(r, 3)
	case k <= 12:
		l := make([]any, r.IntN(5))
		for i := range l {
			l[i] = randValue(r, depth+1)
		}
		return l
	case k == 13:
		return []string{randString(r, 3), randString(r, 3)}
	}
	m := map[string]any{}
	for range r.IntN(5) {
		m[randString(r, 3)] = randValue(r, depth+1)
	}
	return m
}

// testStruct is a struct as template data can hold one (the executor's
// *Data is one): exported and unexported fields, json tags, an embedded
// struct, a time and a pointer.
type testStruct struct {
	Name    string `json:"name"`
	Score   int    `json:",string"`
	Skip    string `json:"-"`
	Profile map[string]any
	When    time.Time `json:"when,omitempty"`
	Next    *testStruct
	private []any
	embedded
}

type embedded struct {
	Tag   string `json:"tag_name_longer_than_the_field"`
	inner int
}

func randStruct(r *rand.Rand, depth int) testStruct {
	v := testStruct{Name: randString(r, 4), Score: r.IntN(100), Skip: randString(r, 4), When: randTime,
		embedded: embedded{Tag: randString(r, 3), inner: 7}}
	if depth < 2 {
		v.Profile = map[string]any{randString(r, 2): randValue(r, depth+1)}
		v.private = []any{randValue(r, depth+1)}
		n := randStruct(r, depth+1)
		v.Next = &n
	}
	return v
}

// randFormat is a random format: text and verbs with random flags, widths,
// precisions and stars.
func randFormat(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(6) {
		b.WriteString(randString(r, 2))
		b.WriteByte('%')
		for range r.IntN(3) {
			b.WriteByte("#0+- "[r.IntN(5)])
		}
		if r.IntN(20) == 0 {
			fmt.Fprintf(&b, "[%d]", r.IntN(4))
		}
		switch r.IntN(4) {
		case 0:
			fmt.Fprint(&b, r.IntN(30))
		case 1:
			b.WriteByte('*')
		}
		if r.IntN(500) == 0 { // past fmt's limit: it reads on, or stops
			b.WriteString([]string{"1000001", "10000010", "99999999999999999999"}[r.IntN(3)])
		}
		switch r.IntN(4) {
		case 0:
			fmt.Fprintf(&b, ".%d", r.IntN(30))
		case 1:
			b.WriteString(".*")
		case 2:
			b.WriteString(".")
		}
		if r.IntN(10) == 0 {
			fmt.Fprintf(&b, "[%d]", r.IntN(4))
		}
		b.WriteString([]string{"v", "d", "s", "q", "x", "X", "f", "e", "g", "b", "o", "c", "U", "t", "p", "T", "w", "%", "é", "", "G", "F"}[r.IntN(22)])
	}
	return b.String()
}

var patterns = []string{"a", "a*", "", "(a)(b)?", "[a-z]+", `\s`, "x*", "(?i)é", "^", "$", `\b`, ".", `(\w+)@(\w+)`, "(?:ab){2,3}", "(", "a|b|", `[\x{0}-\x{10ffff}]`}

var layouts = []string{"2006-01-02", "Monday, 2 January 2006 15:04:05 MST", "Jan _2 06 3:04PM", "2006-01-02T15:04:05.999999999Z07:00", "__2 002 -070000", "x"}

// randArgs makes random arguments for the function called name, of the
// types its parameters take: those of argGens, or else a few values of
// any kind.
func randArgs(r *rand.Rand, name string) []any {
	g := gen{r}
	if f, ok := argGens[name]; ok {
		return f(g)
	}
	return g.vals()
}

// gen makes random arguments of one kind each.
type gen struct{ r *rand.Rand }

func (g gen) s() string            { return randString(g.r, 12) }
func (g gen) n() int               { return g.r.IntN(40) - 5 }
func (g gen) v() any               { return randValue(g.r, 0) }
func (g gen) pattern() string      { return patterns[g.r.IntN(len(patterns))] }
func (g gen) layout() string       { return layouts[g.r.IntN(len(layouts))] }
func (g gen) pick(s ...string) any { return s[g.r.IntN(len(s))] }

// key is one of a few keys, so that dicts share some.
func (g gen) key() string { return g.pick("a", "é", "", "name", "\xff").(string) }

func (g gen) vals() []any {
	a := make([]any, g.r.IntN(5))
	for i := range a {
		a[i] = g.v()
	}
	return a
}

func (g gen) dict() map[string]any {
	m := map[string]any{}
	for range g.r.IntN(4) {
		m[g.key()] = randValue(g.r, 1)
	}
	return m
}

// list is most often a list, and sometimes not, which sprig refuses.
func (g gen) list() any {
	if g.r.IntN(4) == 0 {
		return g.v()
	}
	return g.vals()
}

// words is words of a and b between spaces, where wrapWith's lines break
// unevenly.
func (g gen) words() string {
	b := make([]byte, g.r.IntN(40))
	for i := range b {
		b[i] = " ab"[g.r.IntN(3)]
	}
	return string(b)
}

func (g gen) wrapWith() []any {
	if g.r.IntN(2) == 0 {
		return []any{g.n(), g.s(), g.s()}
	}
	return []any{1 + g.r.IntN(8), strings.Repeat("-", g.r.IntN(30)), g.words()}
}

type argGen func(g gen) []any

func oneString(g gen) []any { return []any{g.s()} }
func oneValue(g gen) []any  { return []any{g.v()} }
func oneList(g gen) []any   { return []any{g.list()} }
func intString(g gen) []any { return []any{g.n(), g.s()} }
func twoStrings(g gen) []any {
	return []any{g.s(), g.s()}
}
func patternString(g gen) []any { return []any{g.pattern(), g.s()} }
func patternThree(g gen) []any  { return []any{g.pattern(), g.s(), g.s()} }
func dictKeys(g gen) []any      { return []any{g.dict(), g.key(), g.key()} }

var argGens = map[string]argGen{
	"printf": func(g gen) []any {
		return append([]any{randFormat(g.r)}, append(g.vals(), g.r.IntN(50), -g.r.IntN(50))...)
	},
	"replace":                func(g gen) []any { return []any{g.s(), g.s(), g.s()} },
	"wrap":                   intString,
	"truncate":               intString,
	"trunc":                  intString,
	"wrapWith":               gen.wrapWith,
	"split":                  twoStrings,
	"splitList":              twoStrings,
	"join":                   func(g gen) []any { return []any{g.s(), g.v()} },
	"regexReplaceAll":        patternThree,
	"regexReplaceAllLiteral": patternThree,
	"regexSplit":             func(g gen) []any { return []any{g.pattern(), g.s(), g.n()} },
	"regexMatch":             patternString,
	"regexFind":              patternString,
	"date":                   func(g gen) []any { return []any{g.layout(), g.v()} },
	"dateInZone": func(g gen) []any {
		return []any{g.layout(), randTime, g.pick("UTC", "Europe/Paris", "Asia/Kolkata", "nowhere")}
	},
	"formatDate": func(g gen) []any {
		return []any{randTime, g.layout(), "Europe/Paris", g.pick("fr", "es", "de", "en")}
	},
	"money":     func(g gen) []any { return []any{randValue(g.r, 3), g.s()} },
	"link":      func(g gen) []any { return []any{"https://shop.example/" + g.s() + "?q=" + g.s() + "#" + g.s(), g.s()} },
	"keys":      func(g gen) []any { return []any{g.dict(), g.dict()} },
	"values":    func(g gen) []any { return []any{g.dict()} },
	"pluck":     func(g gen) []any { return []any{g.key(), g.dict(), g.dict()} },
	"omit":      dictKeys,
	"pick":      dictKeys,
	"without":   func(g gen) []any { return []any{g.list(), g.v(), g.v()} },
	"concat":    func(g gen) []any { return []any{g.vals(), []string{g.s()}} },
	"rest":      oneList,
	"initial":   oneList,
	"reverse":   oneList,
	"compact":   oneList,
	"uniq":      oneList,
	"toStrings": oneList,
	"sortAlpha": oneList,
	"toJson":    oneValue, "toPrettyJson": oneValue, "toString": oneValue, "toDecimal": oneValue,
	"upper": oneString, "lower": oneString, "title": oneString, "untitle": oneString,
	"swapcase": oneString, "camelcase": oneString, "snakecase": oneString, "kebabcase": oneString,
	"initials": oneString, "nospace": oneString, "b64enc": oneString, "b64dec": oneString,
	"regexQuoteMeta": oneString, "durationRound": oneString,
}
