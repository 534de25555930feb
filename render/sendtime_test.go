package render

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/sendtime"
)

// sendTimeWorkspace is the small workspace with send_time in tailor.yaml.
func sendTimeWorkspace(section string) fstest.MapFS {
	ws := smallWorkspace()
	ws["tailor.yaml"] = &fstest.MapFile{Data: append(ws["tailor.yaml"].Data, []byte("timezone: Europe/Paris\n"+section)...)}
	return ws
}

// TestRenderSendAt: with send_time, a message's SendAt is the next start
// of the recipient's best hour, from the profile's history and the
// request's; without history, the fallback; without send_time, none.
func TestRenderSendAt(t *testing.T) {
	if _, err := time.LoadLocation("Europe/Paris"); err != nil {
		t.Skipf("no tzdata: %v", err)
	}
	c := mustLoad(t, sendTimeWorkspace("send_time:\n  history: [opens]\n  fallback: \"09:00\"\n"))
	now := time.Date(2026, 3, 28, 20, 0, 0, 0, time.UTC) // 21:00 in Paris, the eve of summer time
	opens := []any{"2026-03-02T18:05:00Z", "2026-03-09T18:20:00Z", "2026-03-16T06:00:00Z"}
	for _, tc := range []struct {
		name       string
		profile    segment.Profile
		engagement []time.Time
		want       string
	}{
		{"profile opens at 19:00 Paris", segment.Profile{"id": "a", "opens": opens}, nil, "2026-03-29T17:00:00Z"},
		{"store opens at 07:00 New York", segment.Profile{"id": "b", "time_zone": "America/New_York"},
			[]time.Time{time.Date(2026, 3, 20, 11, 10, 0, 0, time.UTC), time.Date(2026, 3, 21, 11, 30, 0, 0, time.UTC)}, "2026-03-29T11:00:00Z"},
		{"no history: 09:00 Paris", segment.Profile{"id": "c"}, nil, "2026-03-29T07:00:00Z"},
	} {
		m, err := c.Render(context.Background(), Request{Email: "hello", Profile: tc.profile, Now: now, Engagement: tc.engagement})
		if err != nil {
			t.Fatal(err)
		}
		if got := m.SendAt.Format(time.RFC3339); got != tc.want {
			t.Errorf("%s: SendAt %s, want %s", tc.name, got, tc.want)
		}
		d, ok := c.SendTime(tc.profile, tc.engagement, now)
		if !ok || !d.At.Equal(m.SendAt) {
			t.Errorf("%s: SendTime %v %v, not the message's", tc.name, d, ok)
		}
	}
	plain := mustLoad(t, smallWorkspace())
	m, err := plain.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"id": "a", "opens": opens}})
	if err != nil || !m.SendAt.IsZero() {
		t.Errorf("without send_time: SendAt %v, err %v", m.SendAt, err)
	}
	if _, ok := plain.SendTime(nil, nil, now); ok || plain.HasSendTime() || !c.HasSendTime() || plain.CountsForSendTime("open") || !c.CountsForSendTime("open") {
		t.Error("SendTime or CountsForSendTime answers as if the plain workspace had send_time")
	}
}

// TestSendTimeErrors: a bad send_time fails the load at its place in
// tailor.yaml.
func TestSendTimeErrors(t *testing.T) {
	for section, want := range map[string]string{
		"send_time:\n  fallback: \"26:00\"\n": `tailor.yaml:7:13: send_time: fallback: "26:00" is not a time of day`,
		"send_time:\n  history: [x, a..b]\n":  `tailor.yaml:7:16: send_time: history: "a..b" is not a field path`,
		"send_time:\n  hour: 7\n":             `tailor.yaml:7:`,
	} {
		_, err := Load(sendTimeWorkspace(section))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", section, err, want)
		}
		var fe *sendtime.FieldError
		if !strings.Contains(section, "hour") && !errors.As(err, &fe) {
			t.Errorf("%q: the error does not wrap sendtime's", section)
		}
	}
}
