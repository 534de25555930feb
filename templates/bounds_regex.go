package templates

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// regexInstBytes bounds what compiling a regular expression allocates per
// instruction of its program (the syntax tree, the instruction, one-pass
// tables and the matcher's queues). A short pattern compiles to a large
// program: x{1000} repeats x a thousand times, and nested repeats multiply.
const regexInstBytes = 256

// regexCompileCap is the largest program a bound compiles to count
// matches; past it, a bound assumes the worst of every match, without
// compiling (which would allocate what the bound is there to refuse).
const regexCompileCap = 8 << 20

// regexFree is what compiling a pattern of a few hundred instructions
// allocates, a small constant a bound does not count.
const regexFree = 16 << 10

// regexCost bounds what regexp.Compile(pattern) allocates past regexFree,
// from its parse tree, without compiling it: its instructions, and its
// character classes' ranges, which copies of a class share. It reports
// false for a pattern that does not compile: sprig's call then fails, and
// builds nothing.
func regexCost(pattern string) (int64, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return 0, false
	}
	cost := sum(mul(progSize(re), regexInstBytes), mul(runes(re), 8), int64(len(pattern)))
	return max(cost-regexFree, 0), true
}

// progSize bounds the number of instructions re compiles to: one a rune
// of a literal, and a repeat x{n,m} is m copies of x (n+1 when m is
// unbounded).
func progSize(re *syntax.Regexp) int64 {
	n := int64(2)
	if re.Op == syntax.OpLiteral {
		n += int64(len(re.Rune))
	}
	for _, sub := range re.Sub {
		n = add(n, progSize(sub))
	}
	if re.Op == syntax.OpRepeat {
		times := int64(re.Max)
		if times < 0 {
			times = int64(re.Min) + 1
		}
		n = mul(n, max(times, 1))
	}
	return n
}

// runes is the number of runes in re's literals and classes.
func runes(re *syntax.Regexp) int64 {
	n := int64(len(re.Rune))
	for _, sub := range re.Sub {
		n = add(n, runes(sub))
	}
	return n
}

// regexMatchBound bounds regexMatch, which compiles its pattern.
func regexMatchBound(args []any) int64 {
	cost, _ := regexCost(strArg(args, 0))
	return cost
}

// regexFindBound bounds regexFind, which compiles its pattern and gives a
// substring.
func regexFindBound(args []any) int64 {
	return add(regexMatchBound(args), int64(len(strArg(args, 1))))
}

// matches counts the matches of pattern in s, and their bytes, as
// ReplaceAll and FindAll find them. Counting allocates at most s's length
// twice (the text between matches, and its string), whatever the result
// of the call would be.
func matches(pattern, s string) (count, matched int64, ok bool) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return 0, 0, false
	}
	re.ReplaceAllStringFunc(s, func(m string) string {
		count++
		matched += int64(len(m))
		return ""
	})
	return count, matched, true
}

// replaceAll bounds the regexp's ReplaceAllString(s, repl): each match
// becomes repl, whose $ references each expand to at most the match; the
// result is built in a []byte and copied into a string.
func replaceAll(args []any, refs func(repl string) int64) int64 {
	pattern, s, repl := strArg(args, 0), strArg(args, 1), strArg(args, 2)
	cost, ok := regexCost(pattern)
	if !ok {
		return 0
	}
	n, r := int64(len(s)), int64(len(repl))
	count, matched := n+1, n // at most a match between any two bytes
	if cost <= regexCompileCap {
		if count, matched, ok = matches(pattern, s); !ok {
			return 0
		}
	}
	result := sum(n-matched, mul(count, r), mul(refs(repl), matched))
	return add(cost, mul(result, 2))
}

func regexReplaceBound(args []any) int64 {
	return replaceAll(args, func(repl string) int64 { return int64(strings.Count(repl, "$")) })
}

func regexReplaceLiteralBound(args []any) int64 {
	return replaceAll(args, func(string) int64 { return 0 })
}

// regexSplitBound bounds regexSplit pattern s n: a []string of at most one
// more string than matches, and the []int FindAll makes for each match.
func regexSplitBound(args []any) int64 {
	pattern, s := strArg(args, 0), strArg(args, 1)
	if n, _ := intArg(args, 2); n == 0 {
		return 0
	}
	cost, ok := regexCost(pattern)
	if !ok {
		return 0
	}
	count := int64(len(s)) + 1
	if cost <= regexCompileCap {
		if count, _, ok = matches(pattern, s); !ok {
			return 0
		}
	}
	perMatch := int64(24 + 16*(strings.Count(pattern, "(")+1)) // the indexes of its groups
	return sum(cost, mul(count+1, slotBytes), int64(len(s)), mul(count, perMatch))
}
