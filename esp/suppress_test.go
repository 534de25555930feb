package esp_test

import (
	"testing"

	"github.com/tailor-email/tailor/esp"
	"github.com/tailor-email/tailor/store"
)

// TestESPSuppression: a hard bounce and a complaint suppress the address
// on every list, an unsubscribe on the campaign's; a soft bounce, a
// delivery or an open, nothing.
func TestESPSuppression(t *testing.T) {
	sd := store.Send{Email: "ana@example.com"}
	for _, c := range []struct {
		e    esp.Event
		list string // "" for none
	}{
		{esp.Event{Outcome: store.Outcome{Kind: store.Bounced}, Permanent: true}, store.AllLists},
		{esp.Event{Outcome: store.Outcome{Kind: store.Bounced}}, ""},
		{esp.Event{Outcome: store.Outcome{Kind: store.Complained}}, store.AllLists},
		{esp.Event{Outcome: store.Outcome{Kind: store.Unsubscribe}}, "weekly"},
		{esp.Event{Outcome: store.Outcome{Kind: store.Delivered}}, ""},
		{esp.Event{Outcome: store.Outcome{Kind: store.Opened}}, ""},
	} {
		sp, ok := esp.Suppression(c.e, sd, "weekly")
		if ok != (c.list != "") || ok && (sp.List != c.list || sp.Who != sd.Email || sp.Reason != string(c.e.Kind)) {
			t.Errorf("%s (permanent %v): %+v %v, want list %q", c.e.Kind, c.e.Permanent, sp, ok, c.list)
		}
	}
}
