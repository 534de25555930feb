package check

import (
	"fmt"
	"testing"
)

// TestParseSheetRecovers checks what the checker reads of a sheet with a
// stray '}': the rules after it are still read (the '}' starts the next
// selector list, which a browser then drops, CSS Syntax 3), a ';' inside a
// string does not end a declaration, a conditional at-rule gives its rules
// a media context, nesting is flagged, and each comment is counted once.
func TestParseSheetRecovers(t *testing.T) {
	src := "/* c */ @media Screen { .a { color: blue !IMPORTANT } } p { color: red } } .b { font: 'x;y' } .n { a: b; & i { c: d } }"
	sh := parseSheet(src, 100)
	var got []string
	for _, r := range sh.rules {
		got = append(got, fmt.Sprintf("%s@%d media=%q nested=%v %v", r.selectors, r.off, r.media, r.nested, r.decls))
	}
	for _, a := range sh.atRules {
		got = append(got, fmt.Sprintf("@%s(%s)@%d", a.name, a.prelude, a.off))
	}
	want := []string{
		`.a@124 media=["@media screen"] nested=false [{color blue true 129}]`,
		`p@156 media=[] nested=false [{color red false 160}]`,
		`} .b@173 media=[] nested=false [{font 'x;y' false 180}]`,
		`.n@194 media=[] nested=true [{a b false 199}]`,
		`@media(Screen)@108`,
	}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("read\n%q\nwant\n%q", got, want)
	}
	if fmt.Sprint(sh.comments) != "[100]" {
		t.Errorf("comments at %v, want [100]", sh.comments)
	}
}
