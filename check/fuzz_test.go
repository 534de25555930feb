package check

import (
	"errors"
	"testing"
)

// FuzzHTML checks that no input makes the linter panic, and that every
// error is the not-HTML error. "go test" runs the seeds; run
// "go test ./check/ -fuzz FuzzHTML" to search further.
func FuzzHTML(f *testing.F) {
	for _, seed := range []string{
		goodEmail,
		`<style>@media (prefers-color-scheme: dark){.a{color:#fff`,
		`<p style="color:rgb(1,2,3);background:url(x">`,
		`<!--[if mso]><![endif]--><![endif]--><!--[if !mso]><!-->`,
		`<table><tr><td style="font-size:;font-weight:">x</td></table></p></b>`,
		`<style>/* unclosed comment`,
		`<style>a:not(.b:hover(((, c[x="]"] { }`,
		"<img src='\x80'>",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if _, err := HTML("f.html", []byte(doc), Options{}); err != nil && !errors.Is(err, errNotHTML) {
			t.Errorf("HTML(%q): unexpected error %v", doc, err)
		}
	})
}
