// Package text turns an HTML email into its plain-text part: headings stand
// out, lists become "* item", links read "text (url)", tables flatten into
// lines, and no markup or CSS is left.
package text
