package track_test

import (
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"net/netip"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/track"
)

func TestMachine(t *testing.T) {
	sent := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	later := sent.Add(time.Hour)
	human := "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
	for _, c := range []struct {
		hit  track.Hit
		rule string
	}{
		{track.Hit{Kind: store.Opened, Method: "GET", UserAgent: human, At: later, Sent: sent}, ""},
		{track.Hit{Kind: store.Opened, Method: "GET", UserAgent: "Mozilla/5.0", At: later, Sent: sent}, "apple-mpp"},
		{track.Hit{Kind: store.Opened, Method: "GET", UserAgent: human, Remote: netip.MustParseAddr("17.58.101.7"), At: later}, "apple-mpp"},
		{track.Hit{Kind: store.Clicked, Method: "GET", UserAgent: human, Remote: netip.MustParseAddr("17.58.101.7"), At: later}, ""},
		{track.Hit{Kind: store.Clicked, Method: "HEAD", UserAgent: human, At: later}, "head"},
		{track.Hit{Kind: store.Clicked, Method: "GET", UserAgent: "Barracuda Sentinel (EE)", At: later}, "scanner"},
		{track.Hit{Kind: store.Clicked, Method: "GET", UserAgent: "", At: later}, "scanner"},
		{track.Hit{Kind: store.Clicked, Method: "GET", UserAgent: human, At: sent.Add(3 * time.Second), Sent: sent}, "too-soon"},
		{track.Hit{Kind: store.Opened, Method: "GET", UserAgent: human, At: sent.Add(track.TooSoon), Sent: sent}, ""},
		{track.Hit{Kind: store.Opened, Method: "GET", UserAgent: "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", At: later, Sent: sent}, ""},
	} {
		machine, rule := track.Machine(c.hit)
		if rule != c.rule || machine != (c.rule != "") {
			t.Errorf("%+v: %v %q, want %q", c.hit, machine, rule, c.rule)
		}
	}
}
