package inline

import (
	"strings"

	"github.com/vanng822/go-premailer/premailer"
)

// Document inlines the CSS found in the <style> elements of doc into the
// style attributes of the elements it selects, and returns the document.
// Rules that cannot be inlined (media queries, pseudo-classes, client hacks,
// at-rules) stay in a <style> element in the head.
func Document(doc string) (string, error) {
	p, err := premailer.NewPremailerFromString(doc, premailer.NewOptions())
	if err != nil {
		return "", err
	}
	out, err := p.Transform()
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(out), nil
}
