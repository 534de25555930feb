package inline

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Piece is a run of template source: literal HTML, or one template action.
type Piece struct {
	Text   string
	Action bool
}

// MaskError says which action could not be masked, and why.
type MaskError struct {
	Piece int // index of the action in the pieces given to Mask
	Msg   string
}

func (e *MaskError) Error() string { return e.Msg }

// Mask replaces every action of pieces with a placeholder that the HTML
// parser and the inliner keep in place:
//   - between tags and in text: a comment <!--tlr:N-->, which stays put
//     even inside a <table> (where bare text would be moved out);
//   - inside a start tag, between attributes: an empty attribute tlr-N="";
//   - inside an attribute value, a comment or a <title>: a word tlrNx.
//
// N is the action's index in pieces. Actions inside <style> or <script>
// are refused: CSS is inlined once, before any recipient is known.
func Mask(pieces []Piece) (string, error) {
	var b strings.Builder
	var st scanState
	for i, p := range pieces {
		if !p.Action {
			if reservedWord.MatchString(p.Text) {
				return "", &MaskError{Piece: i, Msg: "text contains a word reserved for tailor's masks (tlr<digits>x, tlr-<digits> or <!--tlr:)"}
			}
			st.feed(p.Text)
			b.WriteString(p.Text)
			continue
		}
		switch st.mode {
		case inData:
			fmt.Fprintf(&b, "<!--tlr:%d-->", i)
		case inTag:
			if st.afterEquals {
				// The action starts an unquoted value, which text may
				// go on after it.
				fmt.Fprintf(&b, "tlr%dx", i)
				st.mode, st.afterEquals = inUnquoted, false
			} else {
				fmt.Fprintf(&b, " tlr-%d=\"\" ", i)
			}
		case inValue, inUnquoted, inComment:
			fmt.Fprintf(&b, "tlr%dx", i)
		case inRaw:
			if st.raw == "style" || st.raw == "script" {
				return "", &MaskError{Piece: i, Msg: "template actions are not allowed inside <" + st.raw + ">: its CSS is inlined once for every recipient; use a class and a conditional block instead"}
			}
			fmt.Fprintf(&b, "tlr%dx", i)
		}
	}
	return b.String(), nil
}

var reservedWord = regexp.MustCompile(`tlr\d+x|tlr-\d+=|<!--tlr:\d`)

type scanMode int

const (
	inData scanMode = iota
	inTag
	inValue
	inUnquoted // an attribute value without quotes
	inComment
	inRaw
)

// scanState follows just enough of HTML tokenization to tell where an
// action sits.
type scanState struct {
	mode        scanMode
	quote       byte
	tag         string // name of the start tag being read
	raw         string // element whose raw text we are in
	afterEquals bool   // in a tag, right after "name="
}

var rawElements = map[string]bool{"style": true, "script": true, "title": true, "textarea": true}

func (s *scanState) feed(text string) {
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch s.mode {
		case inData:
			switch {
			case strings.HasPrefix(text[i:], "<!--"):
				s.mode, i = inComment, i+3
			case c == '<' && i+1 < len(text) && isLetter(text[i+1]):
				s.mode, s.tag, s.afterEquals = inTag, tagName(text[i+1:]), false
			case c == '<' && strings.HasPrefix(text[i:], "</"):
				s.mode, s.tag = inTag, ""
			}
		case inTag:
			switch {
			case c == '"' || c == '\'':
				s.mode, s.quote = inValue, c
			case c == '>':
				s.mode = inData
				if rawElements[s.tag] {
					s.mode, s.raw = inRaw, s.tag
				}
			case c == '=':
				s.afterEquals = true
				continue
			case c == ' ' || c == '\t' || c == '\n' || c == '\r':
				if s.afterEquals {
					continue
				}
			default:
				if s.afterEquals {
					s.mode = inUnquoted
				}
			}
			s.afterEquals = false
		case inUnquoted:
			switch c {
			case ' ', '\t', '\n', '\r', '\f':
				s.mode = inTag
			case '>':
				s.mode = inData
				if rawElements[s.tag] {
					s.mode, s.raw = inRaw, s.tag
				}
			}
		case inValue:
			if c == s.quote {
				s.mode, s.afterEquals = inTag, false
			}
		case inComment:
			if strings.HasPrefix(text[i:], "-->") {
				s.mode, i = inData, i+2
			}
		case inRaw:
			if c == '<' && len(text) >= i+2+len(s.raw) && strings.EqualFold(text[i+2:i+2+len(s.raw)], s.raw) && text[i+1] == '/' {
				s.mode, s.tag = inTag, ""
			}
		}
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func tagName(s string) string {
	i := 0
	for i < len(s) && (isLetter(s[i]) || s[i] >= '0' && s[i] <= '9' || s[i] == '-') {
		i++
	}
	return strings.ToLower(s[:i])
}

// Span is where a restored action sits in a template source.
type Span struct {
	Start, End int // byte offsets in Restored.Src
	Piece      int // index of the action in the pieces given to Mask
}

// Restored is a template source with the actions put back.
type Restored struct {
	Src   string
	Spans []Span
	// Raw holds the document's own comments (Outlook conditional comments
	// among them). Src calls {{tailorRaw N}} where comment N stood, because
	// html/template would strip a literal comment.
	Raw []string
}

var maskRE = regexp.MustCompile(`<!--tlr:(\d+)-->| tlr-(\d+)="" ?|tlr(\d+)x|<!--`)

// Unmask puts the actions of pieces back into doc, a masked document that
// has been through the inliner (or the text converter). With keepComments,
// every other comment becomes a {{tailorRaw N}} call so that it reaches the
// output byte for byte. Every action must come back exactly once.
func Unmask(doc string, pieces []Piece, keepComments bool) (*Restored, error) {
	r := &Restored{}
	var b strings.Builder
	seen := map[int]bool{}
	put := func(n int) error {
		if n >= len(pieces) || !pieces[n].Action {
			return fmt.Errorf("inline: mask %d is unknown", n)
		}
		if seen[n] {
			return &MaskError{Piece: n, Msg: "the HTML parser copied this action: it sits in a tag the parser repeats (an unclosed <a>, <b>, <s>, <strong>...) or in a tag's name; close the tag, or move the action out of it"}
		}
		seen[n] = true
		start := b.Len()
		b.WriteString(pieces[n].Text)
		r.Spans = append(r.Spans, Span{Start: start, End: b.Len(), Piece: n})
		return nil
	}
	for doc != "" {
		loc := maskRE.FindStringSubmatchIndex(doc)
		if loc == nil {
			b.WriteString(doc)
			break
		}
		b.WriteString(doc[:loc[0]])
		switch {
		case loc[2] >= 0 || loc[4] >= 0 || loc[6] >= 0:
			g := 2
			for loc[g] < 0 {
				g += 2
			}
			n, _ := strconv.Atoi(doc[loc[g]:loc[g+1]])
			if err := put(n); err != nil {
				return nil, err
			}
			// An attribute mask " tlr-N=\"\" " gives back its leading space to
			// the attribute after it: <td tlr-3="" class="a"> -> <td{{if}} class="a">.
			if g == 4 && doc[loc[1]-1] == ' ' {
				b.WriteByte(' ')
			}
			doc = doc[loc[1]:]
		default: // an ordinary comment
			end := strings.Index(doc[loc[0]:], "-->")
			if end < 0 {
				b.WriteString(doc[loc[0]:])
				doc = ""
				continue
			}
			comment := doc[loc[0] : loc[0]+end+3]
			doc = doc[loc[0]+end+3:]
			if err := r.comment(&b, comment, keepComments, put); err != nil {
				return nil, err
			}
		}
	}
	r.Src = b.String()
	return r, nil
}

// comment writes an ordinary comment: as tailorRaw calls around any actions
// masked inside it, or verbatim.
func (r *Restored) comment(b *strings.Builder, c string, keep bool, put func(int) error) error {
	for c != "" {
		loc := tokenRE.FindStringSubmatchIndex(c)
		text := c
		if loc != nil {
			text = c[:loc[0]]
		}
		if text != "" {
			if keep {
				fmt.Fprintf(b, "{{tailorRaw %d}}", len(r.Raw))
				r.Raw = append(r.Raw, text)
			} else {
				b.WriteString(text)
			}
		}
		if loc == nil {
			break
		}
		n, _ := strconv.Atoi(c[loc[2]:loc[3]])
		if err := put(n); err != nil {
			return err
		}
		c = c[loc[1]:]
	}
	return nil
}

var tokenRE = regexp.MustCompile(`tlr(\d+)x`)

// Missing returns the indexes of actions of pieces that r does not contain.
func (r *Restored) Missing(pieces []Piece) []int {
	seen := map[int]bool{}
	for _, s := range r.Spans {
		seen[s.Piece] = true
	}
	var out []int
	for i, p := range pieces {
		if p.Action && !seen[i] {
			out = append(out, i)
		}
	}
	return out
}
