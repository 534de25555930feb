package track

import (
	"net/netip"
	"strings"
	"time"

	"github.com/tailor-email/tailor/store"
)

// Hit is what a tracking request tells of who made it.
type Hit struct {
	Kind      store.OutcomeKind // Opened or Clicked
	Method    string            // the HTTP method
	UserAgent string
	Remote    netip.Addr // the client's address; invalid when unknown
	At        time.Time
	// Sent is when the message was logged as sent; zero when unknown.
	Sent time.Time
}

// TooSoon is how soon after sending an open or click is taken for a
// machine's: no one reads and clicks an email that fast, but mail
// servers' scanners and prefetchers do.
const TooSoon = 10 * time.Second

// appleNet is Apple's own network (17.0.0.0/8), where Mail Privacy
// Protection's proxies fetch images from when they prefetch.
func appleNet() netip.Prefix { return netip.PrefixFrom(netip.AddrFrom4([4]byte{17}), 8) }

// scanners are tokens of the user agents of link scanners and fetchers.
func scanners() []string {
	return []string{"bot", "spider", "crawl", "scanner", "preview", "barracuda", "mimecast", "proofpoint",
		"python-requests", "curl/", "wget/", "go-http-client", "okhttp", "headless"}
}

// Machine says whether a hit was a machine's rather than a reader's,
// and by which rule: "apple-mpp" (Apple Mail Privacy Protection fetches
// every image of a message when it is delivered, with the bare user
// agent Mozilla/5.0 from Apple's network), "head" (a link checker asks
// with HEAD), "scanner" (a scanner's or script's user agent), "too-soon"
// (within TooSoon of sending). Gmail's and Yahoo's image proxies fetch
// when the reader opens the message, so their opens count as people's.
func Machine(h Hit) (bool, string) {
	ua := strings.ToLower(strings.TrimSpace(h.UserAgent))
	switch {
	case h.Kind == store.Opened && (ua == "mozilla/5.0" || h.Remote.IsValid() && appleNet().Contains(h.Remote.Unmap())):
		return true, "apple-mpp"
	case h.Method == "HEAD":
		return true, "head"
	case ua == "":
		return true, "scanner"
	case !h.Sent.IsZero() && h.At.Sub(h.Sent) < TooSoon:
		return true, "too-soon"
	}
	for _, s := range scanners() {
		if strings.Contains(ua, s) {
			return true, "scanner"
		}
	}
	return false, ""
}
