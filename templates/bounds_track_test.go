package templates

import (
	"strings"
	"testing"
)

// TestTrackedLinkBound: with click tracking, link's bound still holds
// its result, which QueryEscapes the URL after the prefix; without,
// BoundsFor is Bounds.
func TestTrackedLinkBound(t *testing.T) {
	d := Defaults{UTM: map[string]string{"source": "tailor", "campaign": "winter sale"}, Track: "https://mail.example.com/t/c/tailor-link?u="}
	link := Funcs(d)["link"].(func(string, ...string) (string, error))
	bound := BoundsFor(d)["link"]
	for _, args := range [][]string{
		{"https://shop.example/new", "hero"},
		{"https://shop.example/" + strings.Repeat("é &?=#%25", 40), strings.Repeat("<>\"'", 30)},
		{"http://x/?q=" + strings.Repeat("%00", 50)},
	} {
		got, err := link(args[0], args[1:]...)
		if err != nil {
			t.Fatal(err)
		}
		as := make([]any, len(args))
		for i, a := range args {
			as[i] = a
		}
		if !strings.HasPrefix(got, d.Track) || int64(len(got)) > bound(as) {
			t.Errorf("link %q = %d bytes, bound %d", args, len(got), bound(as))
		}
	}
	if BoundsFor(Defaults{})["link"]([]any{"https://a.example/"}) != Bounds()["link"]([]any{"https://a.example/"}) {
		t.Error("BoundsFor without tracking is not Bounds")
	}
}
