package message

import (
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/render"
)

// TestLineSendAt: a message's send time is its line's send_at, RFC 3339
// in UTC whatever its zone; a message without one has no send_at.
func TestLineSendAt(t *testing.T) {
	paris := time.FixedZone("CEST", 2*3600)
	m := &render.Message{ID: "a", SendAt: time.Date(2026, 3, 29, 19, 0, 0, 0, paris)}
	j := Line(m)
	if j.SendAt != "2026-03-29T17:00:00Z" {
		t.Errorf("send_at %q", j.SendAt)
	}
	if l := string(AppendJSONL(nil, &j)); !strings.Contains(l, `"variants":null,"send_at":"2026-03-29T17:00:00Z"`) {
		t.Errorf("line %s", l)
	}
	m.SendAt = time.Time{}
	j = Line(m)
	if l := string(AppendJSONL(nil, &j)); strings.Contains(l, "send_at") {
		t.Errorf("line without a send time: %s", l)
	}
}

// TestSendPropensity: the send log's entry keeps the propensity of each
// slot whose module a model chose.
func TestSendPropensity(t *testing.T) {
	m := &render.Message{ID: "a", To: "a@example.com", Modules: map[string]string{"offer": "offer/discount"},
		Propensity: map[string]float64{"offer": 0.9333}}
	s := Send(m, "weekly")
	if s.Propensity["offer"] != 0.9333 || s.Modules["offer"] != "offer/discount" {
		t.Errorf("send %+v", s)
	}
}
