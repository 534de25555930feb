package inline

import (
	"strings"
	"testing"
)

func TestAncestralSelector(t *testing.T) {
	for sel, want := range map[string]bool{
		".a":               true,
		"td.a > p b":       true,
		"#x a[href^='h:']": true,
		"*":                true,
		":root":            true,
		"a[title='a+b~c']": true,
		"h2 + p":           false,
		"h2 ~ p":           false,
		"p:first-child":    false,
		"li:nth-child(2)":  false,
		"p:empty":          false,
		"a:not(.b)":        false,
		"ns|p":             false,
		`.a\:b`:            false,
		"a[title='x":       false,
	} {
		if got := ancestralSelector(sel); got != want {
			t.Errorf("ancestralSelector(%q) = %v, want %v", sel, got, want)
		}
	}
}

const slotDoc = `<!DOCTYPE html><html><head><style>.c p { color: #333; } td { padding: 4px; }</style></head>
<body class="b"><table role="presentation"><tr><td class="c"><h2>A</h2><!--tlr:7--></td></tr></table><p>after</p></body></html>`

// TestSlotInlinesAsTheWholeDocument: a fragment inlined in its slot
// apart gets the styles it gets in the whole document.
func TestSlotInlinesAsTheWholeDocument(t *testing.T) {
	s, err := NewSlots(slotDoc, []string{"<!--tlr:7-->"})
	if err != nil {
		t.Fatal(err)
	}
	sl := s.Slot("<!--tlr:7-->")
	if sl == nil {
		t.Fatal("no slot")
	}
	frag := "<!--b--><p>x</p><table><tr><td>y</td></tr></table><!--e-->"
	f, ok := sl.Check(frag)
	if !ok {
		t.Fatal("the fragment was refused")
	}
	got, ok, err := s.Inline(f)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	whole, err := Document(strings.Replace(slotDoc, "<!--tlr:7-->", frag, 1))
	if err != nil {
		t.Fatal(err)
	}
	region := func(s string) string {
		_, a, _ := strings.Cut(s, "<!--b-->")
		b, _, _ := strings.Cut(a, "<!--e-->")
		return b
	}
	if region(got) != region(whole) || region(got) == "" {
		t.Errorf("apart:\n%s\nin the whole document:\n%s", region(got), region(whole))
	}
}

// TestSlotsRefused: a document whose CSS looks at siblings, or a slot
// after end tags that close what they did not open, has no Slot; a
// fragment with a <style> is refused.
func TestSlotsRefused(t *testing.T) {
	sib := strings.Replace(slotDoc, "td { padding: 4px; }", "h2 + p { margin: 0; }", 1)
	if s, err := NewSlots(sib, []string{"<!--tlr:7-->"}); err != nil || s.Slot("<!--tlr:7-->") != nil {
		t.Errorf("a sibling selector: slot %v (%v)", s.Slot("<!--tlr:7-->"), err)
	}
	mis := strings.Replace(slotDoc, "<h2>A</h2>", "<b><h2>A</b></h2>", 1)
	if s, err := NewSlots(mis, []string{"<!--tlr:7-->"}); err != nil || s.Slot("<!--tlr:7-->") != nil {
		t.Errorf("misnested tags: slot %v (%v)", s.Slot("<!--tlr:7-->"), err)
	}
	s, _ := NewSlots(slotDoc, []string{"<!--tlr:7-->"})
	if _, ok := s.Slot("<!--tlr:7-->").Check("<style>p { color: red }</style><p>x</p>"); ok {
		t.Error("a fragment with a <style> was taken")
	}
}
