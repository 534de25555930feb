package text

import (
	"strings"
	"testing"
)

// long is a tracking url longer than RefMin and, in parentheses, than the
// widths the tests wrap at.
const long = "https://shop.example/p/linen-shirt?utm_campaign=weekly&utm_content=card&utm_source=tailor"

func TestWrapLinkURLs(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"a url that does not fit goes bare on its own line",
			"See what's new (" + long + ")", "See what's new\n" + long},
		{"the sentence's punctuation stays before the break",
			"Read our terms (" + long + "). Thanks", "Read our terms.\n" + long + "\nThanks"},
		{"a url at the start of a line keeps its punctuation after it",
			"(" + long + "), then", long + " ,\nthen"},
		{"a list item's url hangs under the item",
			"* Shirt (" + long + ")", "* Shirt\n  " + long},
		{"a url that fits keeps its parentheses",
			"Write to us (https://x.io/help) today", "Write to us (https://x.io/help) today"},
		{"a url that fits a line of its own wraps with parentheses",
			"Some words before the link that take room on the line (https://x.io/a-page-of-the-site)",
			"Some words before the link that take room on the line\n(https://x.io/a-page-of-the-site)"},
		{"parentheses that are not a link's stay",
			"(" + strings.Repeat("x", 90) + ")", "(" + strings.Repeat("x", 90) + ")"},
	} {
		if got := Wrap(tc.in, Width); got != tc.want {
			t.Errorf("%s:\ngot:  %q\nwant: %q", tc.name, got, tc.want)
		}
	}
}

func TestWrapPartReferences(t *testing.T) {
	other := "https://shop.example/p/merino-knit?utm_campaign=weekly&utm_content=card"
	in := "Tailor Shop (" + long + ")\n\n* Knit (" + other + ").\n\nShirt again (" + long + ") and help (https://x.io/help)\n"
	want := "Tailor Shop [1]\n\n* Knit [2].\n\nShirt again [1] and help (https://x.io/help)\n\n" +
		"[1] " + long + "\n[2] " + other + "\n"
	if got := WrapPart([]byte(in), Width, LinksReferences); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	short := "Help (https://x.io/help)\n"
	if got := WrapPart([]byte(short), Width, LinksReferences); got != short {
		t.Errorf("no long url: got %q, want %q", got, short)
	}
}

func TestParseLinks(t *testing.T) {
	for name, want := range map[string]Links{"": LinksInline, "inline": LinksInline, "references": LinksReferences} {
		got, err := ParseLinks(name)
		if err != nil || got != want {
			t.Errorf("ParseLinks(%q) = %v, %v; want %v", name, got, err, want)
		}
	}
	if _, err := ParseLinks("footnotes"); err == nil || !strings.Contains(err.Error(), "inline or references") {
		t.Errorf("ParseLinks(footnotes): %v, want an error naming the choices", err)
	}
}
