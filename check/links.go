package check

import (
	"fmt"
	"regexp"
	"strings"
)

// Gmail clips a message whose HTML is over 102 KB (taken as 102 x 1024
// bytes); the check warns from 90 KB.
const (
	clipWarnBytes = 90 * 1024
	clipBytes     = 102 * 1024
)

func sizeFindings(d *document) []Finding {
	n := len(d.src)
	switch {
	case n > clipBytes:
		return []Finding{d.finding("gmail-clip", Error, -1,
			fmt.Sprintf("HTML is %d bytes: Gmail clips messages over 102 KB (%d bytes)", n, clipBytes))}
	case n >= clipWarnBytes:
		return []Finding{d.finding("gmail-clip", Warning, -1,
			fmt.Sprintf("HTML is %d bytes, close to Gmail's 102 KB clipping limit (%d bytes)", n, clipBytes))}
	}
	return nil
}

var reScheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// templateMarkers mark a URL that a sending tool fills in (Mailchimp
// merge tags, Go, Handlebars, Liquid, ERB): such URLs are not judged.
var templateMarkers = []string{"*|", "{{", "{%", "<%", "%%", "[%", "${"}

func isDynamic(url string) bool {
	for _, m := range templateMarkers {
		if strings.Contains(url, m) {
			return true
		}
	}
	return false
}

// linkFindings checks the URLs of links (<a href>) and images (<img
// src>): http:// is a warning (mixed content, tracking warnings), a
// relative URL an error (it has no base in a mail client), an empty link
// (href="" or "#") a warning.
func linkFindings(d *document) []Finding {
	var out []Finding
	d.root.walk(func(n *node) {
		var attr, kind string
		switch n.tag {
		case "a":
			attr, kind = "href", "link"
		case "img":
			attr, kind = "src", "image"
		default:
			return
		}
		url, ok := n.attr(attr)
		if !ok || isDynamic(url) {
			return
		}
		if f, bad := checkURL(d, n, kind, attr, strings.TrimSpace(url)); bad {
			out = append(out, f)
		}
	})
	return out
}

func checkURL(d *document, n *node, kind, attr, url string) (Finding, bool) {
	switch {
	case kind == "link" && (url == "" || url == "#"):
		return d.finding("link-empty", Warning, n.off, fmt.Sprintf("empty link %s=%q", attr, url)), true
	case strings.HasPrefix(url, "#"):
		return Finding{}, false
	case hasScheme(url, "http"):
		return d.finding("link-insecure", Warning, n.off, fmt.Sprintf("%s over plain http: %s", kind, url)), true
	case !reScheme.MatchString(url):
		return d.finding("link-relative", Error, n.off,
			fmt.Sprintf("%s URL %q is not absolute: mail clients have no base URL to resolve it", kind, url)), true
	}
	return Finding{}, false
}

// unsubscribeFindings requires one link whose text mentions
// "unsubscribe" or whose href mentions "unsub" (which also covers merge
// tags such as *|UNSUB|*).
func unsubscribeFindings(d *document) []Finding {
	found := d.find(func(n *node) bool {
		if n.tag != "a" {
			return false
		}
		href, _ := n.attr("href")
		return strings.Contains(strings.ToLower(href), "unsub") ||
			strings.Contains(strings.ToLower(n.textContent()), "unsubscribe")
	})
	if found != nil {
		return nil
	}
	return []Finding{d.finding("unsubscribe", Error, -1, "no unsubscribe link (a link whose text or href mentions unsubscribe)")}
}
