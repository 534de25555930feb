package sendtime

import (
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"strings"
	"testing"
	"time"
)

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no tzdata for Europe/Paris: %v", err)
	}
	return loc
}

// opensAt19 is a profile whose opens cluster at 19:00 Paris time, in winter
// (UTC+1) and summer (UTC+2) alike, with one stray morning open.
func opensAt19(loc *time.Location) map[string]any {
	var emails []any
	for i, day := range []string{"2026-01-12", "2026-02-09", "2026-03-09", "2026-06-01", "2026-07-06", "2026-09-14"} {
		d, _ := time.ParseInLocation("2006-01-02", day, loc)
		at := d.Add(19*time.Hour + time.Duration(i*7)*time.Minute) // 19:00 to 19:35 local
		emails = append(emails, map[string]any{"sent_at": d, "opened_at": at})
	}
	emails = append(emails, map[string]any{"opened_at": "2026-05-04T07:15:00Z"}) // 09:15 local, a string as without a schema
	return map[string]any{"time_zone": "Europe/Paris", "emails": emails}
}

// TestParisAcrossDST: the send time of a recipient whose opens cluster at
// 19:00 Europe/Paris is the next 19:00 there, whatever the offset, on both
// sides of both changes of 2026 (29 March, 25 October).
func TestParisAcrossDST(t *testing.T) {
	loc := paris(t)
	p, err := New(Config{History: []string{"emails.opened_at"}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	profile := opensAt19(loc)
	for _, c := range []struct{ now, want string }{
		{"2026-03-28T12:00:00Z", "2026-03-28T18:00:00Z"}, // Saturday before the change: 19:00 CET
		{"2026-03-28T20:00:00Z", "2026-03-29T17:00:00Z"}, // Saturday evening, past 19:00: Sunday's 19:00 is CEST
		{"2026-03-29T12:00:00Z", "2026-03-29T17:00:00Z"}, // Sunday after the change
		{"2026-10-24T12:00:00Z", "2026-10-24T17:00:00Z"}, // Saturday before the change back: 19:00 CEST
		{"2026-10-24T20:00:00Z", "2026-10-25T18:00:00Z"}, // past 19:00: Sunday's 19:00 is CET
		{"2026-10-25T12:00:00Z", "2026-10-25T18:00:00Z"}, // Sunday after it
		{"2026-10-25T18:00:00Z", "2026-10-25T18:00:00Z"}, // at 19:00 exactly: now
	} {
		now, _ := time.Parse(time.RFC3339, c.now)
		d := p.At(profile, nil, now)
		if got := d.At.Format(time.RFC3339); got != c.want {
			t.Errorf("now %s: send at %s, want %s (%s)", c.now, got, c.want, d)
		}
		if local := d.At.In(loc); local.Hour() != 19 || local.Minute() != 0 {
			t.Errorf("now %s: %s is not 19:00 in Paris", c.now, local)
		}
		if d.At.Location() != time.UTC || d.Count != 6 || d.Total != 7 || d.Hour != 19 || d.Fallback {
			t.Errorf("now %s: decision %+v", c.now, d)
		}
	}
}

// TestExtraHistory: history the caller adds (the store's events) counts as
// the profile's does, in the recipient's zone.
func TestExtraHistory(t *testing.T) {
	loc := paris(t)
	p, err := New(Config{}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	var extra []time.Time
	for i := range 4 {
		extra = append(extra, time.Date(2026, 4, 1+i, 7, 40, 0, 0, loc)) // 07:40 local
	}
	now := time.Date(2026, 4, 10, 12, 0, 0, 0, time.UTC)
	d := p.At(map[string]any{"time_zone": "Europe/Paris"}, extra, now)
	if want := time.Date(2026, 4, 11, 7, 0, 0, 0, loc).UTC(); !d.At.Equal(want) {
		t.Errorf("send at %s, want %s", d.At, want)
	}
	if !strings.Contains(d.String(), "4 of 4 opens and clicks between 07:00 and 08:00") {
		t.Errorf("explanation %q", d)
	}
}

// TestFallback: without history, the fallback's local time, or no send
// time when the workspace has none; a zone tzdata does not know is the
// workspace's.
func TestFallback(t *testing.T) {
	loc := paris(t)
	now := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	none, _ := New(Config{History: []string{"opens"}}, loc)
	if d := none.At(map[string]any{"opens": []any{}}, nil, now); !d.At.IsZero() || !strings.HasPrefix(d.String(), "none") {
		t.Errorf("no history, no fallback: %+v %s", d, d)
	}
	p, err := New(Config{History: []string{"opens"}, Fallback: "10:30"}, loc)
	if err != nil {
		t.Fatal(err)
	}
	for zone, want := range map[string]time.Time{
		"America/New_York": time.Date(2026, 7, 1, 14, 30, 0, 0, time.UTC), // 08:00 EDT now: 10:30 EDT today
		"Mars/Olympus":     time.Date(2026, 7, 2, 8, 30, 0, 0, time.UTC),  // unknown: Paris, 10:30 CEST
		"Local":            time.Date(2026, 7, 2, 8, 30, 0, 0, time.UTC),  // the machine's zone is no recipient's
		"":                 time.Date(2026, 7, 2, 8, 30, 0, 0, time.UTC),
	} {
		for range 2 { // the second time from the planner's cache
			d := p.At(map[string]any{"time_zone": zone}, nil, now)
			if !d.At.Equal(want) || !d.Fallback {
				t.Errorf("zone %q: %s fallback %v, want %s", zone, d.At, d.Fallback, want)
			}
		}
	}
}

// TestSkippedHour: a fallback in the hour a change to summer time skips
// is sent as the clocks go forward past it.
func TestSkippedHour(t *testing.T) {
	loc := paris(t)
	p, _ := New(Config{Fallback: "02:30"}, loc)
	d := p.At(nil, nil, time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC))
	if want := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC); !d.At.Equal(want) {
		t.Errorf("send at %s (%s), want %s", d.At, d.At.In(loc), want)
	}
}

func TestBestHour(t *testing.T) {
	for _, c := range []struct {
		hours map[int]int
		want  int
	}{
		{map[int]int{19: 3, 8: 2}, 19},
		{map[int]int{18: 1, 19: 2}, 19},              // neighbours join
		{map[int]int{8: 1, 20: 1, 21: 1, 22: 1}, 21}, // a spread evening beats a morning
		{map[int]int{23: 2, 0: 2}, 0},                // across midnight; of equals, the first of the day
		{map[int]int{5: 1, 15: 1}, 5},
	} {
		var h [24]int
		for k, v := range c.hours {
			h[k] = v
		}
		if got := bestHour(h); got != c.want {
			t.Errorf("%v: hour %d, want %d", c.hours, got, c.want)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	for cfg, want := range map[*Config]string{
		{Fallback: "25:00"}:            `fallback: "25:00" is not a time of day`,
		{Fallback: "7pm"}:              `fallback: "7pm" is not a time of day`,
		{History: []string{"a..b"}}:    `history: "a..b" is not a field path`,
		{History: []string{"orders."}}: `history: "orders." is not a field path`,
	} {
		_, err := New(*cfg, nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: error %v, want %q", *cfg, err, want)
		}
	}
	p, err := New(Config{Events: []string{"opened"}}, nil)
	if err != nil || !p.Counts("opened") || p.Counts("open") {
		t.Errorf("events: %v", err)
	}
	if d, _ := New(Config{}, nil); !d.Counts("open") || !d.Counts("click") {
		t.Error("default events are not open and click")
	}
}
