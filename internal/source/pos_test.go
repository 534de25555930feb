package source

import (
	"testing"
	"unicode/utf8"
)

// TestLineColRunes: columns count runes, not bytes, whatever the width
// of the characters before the place.
func TestLineColRunes(t *testing.T) {
	src := "héllo\n日本語 {{x}}\n\n😀a\r\nb"
	tests := []struct {
		at        string // the text just before the place
		line, col int
	}{
		{"", 1, 1},
		{"hé", 1, 3},
		{"héllo", 1, 6},
		{"héllo\n", 2, 1},
		{"héllo\n日本語 ", 2, 5},
		{"héllo\n日本語 {{x}}\n\n", 4, 1},
		{"héllo\n日本語 {{x}}\n\n😀", 4, 2},
		{"héllo\n日本語 {{x}}\n\n😀a\r", 4, 4},
		{src, 5, 2},
	}
	lines := NewLines(src)
	for _, tt := range tests {
		off := len(tt.at)
		if l, c := LineCol(src, off); l != tt.line || c != tt.col {
			t.Errorf("LineCol(after %q) = %d:%d, want %d:%d", tt.at, l, c, tt.line, tt.col)
		}
		if l, c := lines.LineCol(off); l != tt.line || c != tt.col {
			t.Errorf("Lines.LineCol(after %q) = %d:%d, want %d:%d", tt.at, l, c, tt.line, tt.col)
		}
		if got, ok := lines.Offset(tt.line, tt.col); !ok || got != off {
			t.Errorf("Offset(%d:%d) = %d, %v; want %d", tt.line, tt.col, got, ok, off)
		}
		if p := (Pos{File: "f", Line: 1, Col: 1}).Advance(tt.at); p.Line != tt.line || p.Col != tt.col {
			t.Errorf("Advance(%q) = %s, want f:%d:%d", tt.at, p, tt.line, tt.col)
		}
	}
	if l, c := LineCol(src, len(src)+10); l != 5 || c != 2 {
		t.Errorf("LineCol past the end = %d:%d, want the end, 5:2", l, c)
	}
	for _, bad := range [][2]int{{0, 1}, {1, 0}, {6, 1}, {1, 7}, {3, 2}} {
		if off, ok := lines.Offset(bad[0], bad[1]); ok {
			t.Errorf("Offset(%d:%d) = %d, want no such place", bad[0], bad[1], off)
		}
	}
}

// FuzzLineCol: at every rune boundary, LineCol, Lines.LineCol and
// Advance over the text in two pieces agree, and Offset inverts them.
func FuzzLineCol(f *testing.F) {
	for _, s := range []string{"", "a\nb", "日本\n語", "\n\n", "x\xffy\nz", "😀\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := NewLines(src)
		for off := 0; off <= len(src); off++ {
			if off < len(src) && !utf8.RuneStart(src[off]) {
				continue
			}
			l, c := LineCol(src, off)
			if l2, c2 := lines.LineCol(off); l2 != l || c2 != c {
				t.Fatalf("%q at %d: Lines.LineCol %d:%d, LineCol %d:%d", src, off, l2, c2, l, c)
			}
			mid := off / 2
			for mid > 0 && !utf8.RuneStart(src[mid]) {
				mid--
			}
			p := Pos{Line: 1, Col: 1}.Advance(src[:mid]).Advance(src[mid:off])
			if p.Line != l || p.Col != c {
				t.Fatalf("%q at %d: Advance in two pieces %d:%d, LineCol %d:%d", src, off, p.Line, p.Col, l, c)
			}
			if back, ok := lines.Offset(l, c); !ok || back != off {
				t.Fatalf("%q: Offset(%d:%d) = %d, %v; want %d", src, l, c, back, ok, off)
			}
		}
	})
}

func TestAdvanceKeepsUnknown(t *testing.T) {
	if got := (Pos{File: "f"}).Advance("a\nbc"); got != (Pos{File: "f"}) {
		t.Errorf("an unknown place advanced to %+v", got)
	}
}
