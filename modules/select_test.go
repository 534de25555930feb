package modules

import "testing"

func TestLocaleMatches(t *testing.T) {
	for _, tc := range []struct {
		want string
		got  any
		ok   bool
	}{
		{"de", "de", true}, {"de", "DE-at", true}, {"DE", "de_AT", true}, {"de-AT", "de-at", true},
		{"de", "deu", false}, {"de", "d", false}, {"de", "", false}, {"de", nil, false}, {"de", 7.0, false},
		{"de-AT", "de", false}, {"de", "fr-DE", false},
	} {
		if got := localeMatches(tc.want, tc.got); got != tc.ok {
			t.Errorf("localeMatches(%q, %#v) = %v, want %v", tc.want, tc.got, got, tc.ok)
		}
	}
}
