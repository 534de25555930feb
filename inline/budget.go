package inline

import (
	"errors"
	"fmt"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// Bounds on the work of one Document. go-premailer tests every rule on
// every element and merges every rule into each element it selects: a
// stylesheet of a few thousand rules that all select a document of a few
// thousand elements costs it minutes and tens of gigabytes. Real emails
// stay far below: the built-in example makes at most 1,400 tests and 30
// selections a document; a framework's stylesheet (a thousand rules) on a
// long email (a thousand elements), a million tests and some ten thousand
// selections.
const (
	// MaxRules bounds the rules (one per selector) to inline.
	MaxRules = 5000
	// MaxTests bounds the rules times the elements.
	MaxTests = 4 << 20
	// MaxSelected bounds the elements the rules select, summed over rules.
	MaxSelected = 250_000
)

// ErrTooMuch is wrapped by the error of a Document past MaxRules,
// MaxTests or MaxSelected.
var ErrTooMuch = errors.New("too much CSS to inline")

// checkWork returns an error wrapping ErrTooMuch when inlining rules into
// the document at root would pass a bound.
func checkWork(root *html.Node, rules []rule) error {
	if len(rules) > MaxRules {
		return fmt.Errorf("%w: %d rules (one per selector), over the bound of %d", ErrTooMuch, len(rules), MaxRules)
	}
	elements := countElements(root)
	if tests := len(rules) * elements; tests > MaxTests {
		return fmt.Errorf("%w: %d rules for %d elements, %d tests, over the bound of %d: use fewer rules or a shorter email",
			ErrTooMuch, len(rules), elements, tests, MaxTests)
	}
	selected := 0
	for _, r := range rules {
		selected += len(cascadia.QueryAll(root, r.sel))
		if selected > MaxSelected {
			return fmt.Errorf("%w: the rules select elements more than %d times in all (%d rules for %d elements): use fewer rules that select many elements",
				ErrTooMuch, MaxSelected, len(rules), elements)
		}
	}
	return nil
}

func countElements(n *html.Node) int {
	c := 0
	if n.Type == html.ElementNode {
		c = 1
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c += countElements(k)
	}
	return c
}
