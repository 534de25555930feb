package css

import "strings"

// Skip returns the index just past the component value that starts at
// toks[i]: a {}, [] or () block or a function runs through its closing
// token, a closing token of another kind inside it being only a token
// (CSS Syntax 3, "consume a simple block"). closed is false when the
// input ends first.
func Skip(toks []Token, i int) (next int, closed bool) {
	want := closer(toks[i].Kind)
	if want == Invalid {
		return i + 1, true
	}
	var buf [16]Kind
	stack := append(buf[:0], want)
	for j := i + 1; j < len(toks); j++ {
		k := toks[j].Kind
		if k == stack[len(stack)-1] {
			if stack = stack[:len(stack)-1]; len(stack) == 0 {
				return j + 1, true
			}
		} else if c := closer(k); c != Invalid {
			stack = append(stack, c)
		}
	}
	return len(toks), false
}

// Unclosed returns the index of the innermost block or function of toks
// that the input ends inside, or -1 when every one is closed.
func Unclosed(toks []Token) int {
	var open []int
	for j, t := range toks {
		if n := len(open); n > 0 && t.Kind == closer(toks[open[n-1]].Kind) {
			open = open[:n-1]
		} else if closer(t.Kind) != Invalid {
			open = append(open, j)
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[len(open)-1]
}

// closer returns the token that closes a block opened by k, or Invalid.
func closer(k Kind) Kind {
	switch k {
	case LeftBrace:
		return RightBrace
	case LeftBracket:
		return RightBracket
	case LeftParen, Function:
		return RightParen
	}
	return Invalid
}

// Until returns the index of the first token at or after i whose kind is
// one of stops and which is outside any block or function, or len(toks).
func Until(toks []Token, i int, stops ...Kind) int {
	for i < len(toks) {
		for _, k := range stops {
			if toks[i].Kind == k {
				return i
			}
		}
		i, _ = Skip(toks, i)
	}
	return len(toks)
}

// SkipSpace returns the index of the first token at or after i that is
// neither white space nor a comment, or len(toks).
func SkipSpace(toks []Token, i int) int {
	for i < len(toks) && blank(toks[i].Kind) {
		i++
	}
	return i
}

// Trim returns toks without the white space and comments at both ends.
func Trim(toks []Token) []Token {
	toks = toks[SkipSpace(toks, 0):]
	for len(toks) > 0 && blank(toks[len(toks)-1].Kind) {
		toks = toks[:len(toks)-1]
	}
	return toks
}

func blank(k Kind) bool { return k == Space || k == Comment }

// Text returns the source of toks, which are consecutive tokens of src:
// from the start of the first to the end of the last.
func Text(src string, toks []Token) string {
	if len(toks) == 0 {
		return ""
	}
	return src[toks[0].Off:toks[len(toks)-1].End()]
}

// StripComments returns the text of toks without their comments; the
// text as is when it has none. A comment between two tokens that are
// neither white space nor comments becomes one space, so that they do not
// run together ("1px/**/solid" is "1px solid", as a browser reads it).
func StripComments(src string, toks []Token) string {
	text := Text(src, toks)
	if !strings.Contains(text, "/*") {
		return text
	}
	b := make([]byte, 0, len(text))
	for i, t := range toks {
		switch {
		case t.Kind != Comment:
			b = append(b, t.Text...)
		case i > 0 && i+1 < len(toks) && !blank(toks[i-1].Kind) && !blank(toks[i+1].Kind):
			b = append(b, ' ')
		}
	}
	return string(b)
}

// Split splits toks at each token of kind sep outside blocks and
// functions ("a, :is(b, c)" at commas gives "a" and " :is(b, c)"). No
// tokens give one empty part, as strings.Split does.
func Split(toks []Token, sep Kind) [][]Token {
	var out [][]Token
	for i := 0; ; {
		j := Until(toks, i, sep)
		out = append(out, toks[i:j])
		if j == len(toks) {
			return out
		}
		i = j + 1
	}
}

// SplitList splits a comma-separated list (a selector list, a media
// query list) at its top-level commas; each item comes back without
// comments and trimmed.
func SplitList(text string) []string {
	var out []string
	for _, part := range Split(Tokenize(text), Comma) {
		out = append(out, StripComments(text, Trim(part)))
	}
	return out
}
