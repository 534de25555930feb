package trigger

import (
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/workspace"
)

const base = "name: t\nfrom: \"T <t@example.com>\"\n"

func parse(t *testing.T, section string) ([]*Trigger, error) {
	t.Helper()
	cfg, err := workspace.ParseConfig([]byte(base + section))
	if err != nil {
		t.Fatal(err)
	}
	return FromConfig(cfg)
}

func TestFromConfigIssueExample(t *testing.T) {
	ts, err := parse(t, `triggers:
  cart_reminder:
    on: {enter: abandoned_cart}
    email: cart
    delay: 1h
    cancel_if: {enter: recent_purchaser}   # the 10:02 purchase cancels the 10:05 reminder
    once_per: 7d
    quiet_hours: {from: "21:00", to: "08:00", zone: profile.time_zone}
  winback:
    on: {leave: loyal}
    email: newsletter
    send: true
    outbox: false
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 {
		t.Fatalf("%d triggers, want 2", len(ts))
	}
	c := ts[0]
	if c.Name != "cart_reminder" || c.On != (Edge{"abandoned_cart", true}) || c.Email != "cart" || c.Delay != time.Hour ||
		c.CancelIf == nil || *c.CancelIf != (Edge{"recent_purchaser", true}) || c.OncePer != 7*24*time.Hour ||
		c.Quiet == nil || c.Quiet.From != 21*60 || c.Quiet.To != 8*60 || c.Quiet.ZoneField != "time_zone" || !c.Outbox || c.Send {
		t.Errorf("cart_reminder = %+v (quiet %+v)", c, c.Quiet)
	}
	w := ts[1]
	if w.On != (Edge{"loyal", false}) || w.Outbox || !w.Send || w.Delay != 0 || w.Quiet != nil {
		t.Errorf("winback = %+v", w)
	}
}

func TestFromConfigErrors(t *testing.T) {
	for _, tc := range []struct{ section, want string }{
		{"triggers:\n  a:\n    on: {enter: x}\n    email: e\n    dealy: 1h\n", "tailor.yaml:7:5:"},
		{"triggers:\n  a:\n    on: {enter: x, leave: y}\n    email: e\n", "tailor.yaml:5:10: triggers.a: on: want one of enter"},
		{"triggers:\n  a:\n    on: {}\n    email: e\n", "tailor.yaml:5:9: triggers.a: on: want one of"},
		{"triggers:\n  a:\n    email: e\n", "tailor.yaml:5:5: triggers.a: on: is missing"},
		{"triggers:\n  a:\n    on: {enter: x}\n", "tailor.yaml:5:5: triggers.a: email: is missing"},
		{"triggers:\n  a:\n    on: {enter: x}\n    email: e\n    delay: soon\n", `tailor.yaml:7:12: triggers.a: delay: "soon" is not a duration`},
		{"triggers:\n  a:\n    on: {enter: x}\n    email: e\n    once_per: -1h\n", `tailor.yaml:7:15: triggers.a: once_per: "-1h" is negative`},
		{"triggers:\n  a:\n    on: {enter: x}\n    email: e\n    quiet_hours: {from: \"25:00\", to: \"08:00\"}\n", `tailor.yaml:7:25: triggers.a: quiet_hours: from: "25:00" is not a time of day`},
		{"triggers:\n  a:\n    on: {enter: x}\n    email: e\n    quiet_hours: {from: \"21:00\"}\n", `triggers.a: quiet_hours: to: is missing`},
		{"triggers:\n  a:\n    on: {enter: x}\n    email: e\n    quiet_hours: {from: \"21:00\", to: \"08:00\", zone: Mars/Base}\n", `tailor.yaml:7:53: triggers.a: quiet_hours: zone: "Mars/Base" is neither`},
		{"triggers:\n  a:\n    on: {enter: x}\n    email: e\n    outbox: false\n", "triggers.a: outbox: false and no send: true"},
		{"triggers:\n  a:\n    on: {enter: x}\n    cancel_if: {join: y}\n    email: e\n", "tailor.yaml:6:17:"},
	} {
		_, err := parse(t, tc.section)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s\ngot  %v\nwant %s", tc.section, err, tc.want)
		}
	}
}

func TestFromConfigNone(t *testing.T) {
	ts, err := parse(t, "")
	if err != nil || len(ts) != 0 {
		t.Errorf("no triggers: section: %v, %v", ts, err)
	}
}

func TestQuietHoursNext(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	night := &QuietHours{From: 21 * 60, To: 8 * 60}
	early := &QuietHours{From: 60, To: 6 * 60}
	for _, c := range []struct {
		q        *QuietHours
		at, want string
	}{
		{night, "2026-11-03T10:00:00+01:00", "2026-11-03T10:00:00+01:00"}, // outside
		{night, "2026-11-03T21:00:00+01:00", "2026-11-04T08:00:00+01:00"}, // from is quiet
		{night, "2026-11-03T23:30:00+01:00", "2026-11-04T08:00:00+01:00"},
		{night, "2026-11-04T03:00:00+01:00", "2026-11-04T08:00:00+01:00"}, // after midnight
		{night, "2026-11-04T08:00:00+01:00", "2026-11-04T08:00:00+01:00"}, // to is not
		{night, "2026-03-28T22:00:00+01:00", "2026-03-29T08:00:00+02:00"}, // across the DST change
		{early, "2026-11-03T00:30:00+01:00", "2026-11-03T00:30:00+01:00"},
		{early, "2026-11-03T02:00:00+01:00", "2026-11-03T06:00:00+01:00"},
	} {
		at, _ := time.Parse(time.RFC3339, c.at)
		want, _ := time.Parse(time.RFC3339, c.want)
		if got := c.q.Next(at, paris); !got.Equal(want) {
			t.Errorf("%s: Next(%s) = %s, want %s", c.q, c.at, got.In(paris).Format(time.RFC3339), c.want)
		}
	}
}
