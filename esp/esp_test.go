package esp_test

import (
	"context"
	"encoding/json"
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/esp"
	"github.com/tailor-email/tailor/store"
)

// mid is the Message-ID tailor wrote, which every fixture names (in
// its Message-ID header, or tailor's custom argument or metadata).
const mid = "0123456789abcdef0123456789abcdef@shop.example"

type want struct {
	kind    store.OutcomeKind
	at      string
	url     string
	machine bool
}

// fixtures are the provider payloads of testdata, written from each
// provider's documented format, and the outcomes they mean.
func fixtures() map[string][]want {
	return map[string][]want{
		"ses_delivery.json":             {{kind: store.Delivered, at: "2026-12-01T09:00:02.411Z"}},
		"ses_bounce.json":               {{kind: store.Bounced, at: "2026-12-01T09:00:03Z"}},
		"ses_bounce_transient.json":     nil,
		"ses_complaint.json":            {{kind: store.Complained, at: "2026-12-01T11:00:00Z"}},
		"ses_open.json":                 {{kind: store.Opened, at: "2026-12-01T10:00:00Z"}},
		"ses_click.json":                {{kind: store.Clicked, at: "2026-12-01T10:01:00Z", url: "https://shop.example/sale"}},
		"ses_unsubscribe.json":          {{kind: store.Unsubscribe, at: "2026-12-01T12:00:00Z"}},
		"postmark_delivery.json":        {{kind: store.Delivered, at: "2026-12-01T09:00:02Z"}},
		"postmark_bounce.json":          {{kind: store.Bounced, at: "2026-12-01T09:00:03Z"}},
		"postmark_softbounce.json":      nil,
		"postmark_complaint.json":       {{kind: store.Complained, at: "2026-12-01T11:00:00Z"}},
		"postmark_open.json":            {{kind: store.Opened, at: "2026-12-01T10:00:00Z"}},
		"postmark_click.json":           {{kind: store.Clicked, at: "2026-12-01T10:01:00Z", url: "https://shop.example/sale"}},
		"postmark_subscription.json":    {{kind: store.Unsubscribe, at: "2026-12-01T12:00:00Z"}},
		"mailgun_delivered.json":        {{kind: store.Delivered, at: "2026-12-01T09:00:02.261Z"}},
		"mailgun_failed.json":           {{kind: store.Bounced, at: "2026-12-01T09:00:03.5Z"}},
		"mailgun_failed_temporary.json": nil,
		"mailgun_opened.json":           {{kind: store.Opened, at: "2026-12-01T10:00:00Z"}},
		"mailgun_clicked.json":          {{kind: store.Clicked, at: "2026-12-01T10:01:00Z", url: "https://shop.example/sale"}},
		"mailgun_complained.json":       {{kind: store.Complained, at: "2026-12-01T11:53:20Z"}},
		"mailgun_unsubscribed.json":     {{kind: store.Unsubscribe, at: "2026-12-01T11:55:00Z"}},
		"sendgrid.json": {
			{kind: store.Delivered, at: "2026-12-01T09:00:02Z"},
			{kind: store.Opened, at: "2026-12-01T09:00:05Z", machine: true},
			{kind: store.Opened, at: "2026-12-01T10:00:00Z"},
			{kind: store.Clicked, at: "2026-12-01T10:01:00Z", url: "https://shop.example/sale"},
			{kind: store.Bounced, at: "2026-12-01T09:00:03Z"}, // bo's, another message
			{kind: store.Complained, at: "2026-12-01T11:53:20Z"},
			{kind: store.Unsubscribe, at: "2026-12-01T11:55:00Z"},
			{kind: store.Unsubscribe, at: "2026-12-01T12:01:40Z"},
		},
	}
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFixtures parses each provider's sample into its outcomes, each
// under tailor's Message-ID.
func TestFixtures(t *testing.T) {
	for name, wants := range fixtures() {
		provider, _, _ := strings.Cut(name, "_")
		provider = strings.TrimSuffix(provider, ".json")
		b, err := esp.Parse(provider, read(t, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(b.Events) != len(wants) {
			t.Errorf("%s: %d events, want %d: %+v", name, len(b.Events), len(wants), b.Events)
			continue
		}
		if len(wants) == 0 && b.Ignored == 0 {
			t.Errorf("%s: ignored nothing", name)
		}
		for i, w := range wants {
			e := b.Events[i]
			at, _ := time.Parse(time.RFC3339Nano, w.at)
			id := mid
			if e.Email == "bo@example.com" {
				id = "bo.1@shop.example"
			}
			if e.MessageID != id || e.Kind != w.kind || !e.At.Equal(at) || e.URL != w.url || e.Machine != w.machine {
				t.Errorf("%s event %d: %s %s at %v url %q machine %v\nwant %s %s at %v url %q machine %v",
					name, i, e.MessageID, e.Kind, e.At, e.URL, e.Machine, id, w.kind, at, w.url, w.machine)
			}
		}
	}
}

func TestSNSSubscriptionConfirmation(t *testing.T) {
	b, err := esp.Parse("ses", read(t, "ses_subscription.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.SubscribeURL, "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription") || len(b.Events) != 0 {
		t.Errorf("confirmation: %+v", b)
	}
}

func TestBadBodies(t *testing.T) {
	for _, c := range []struct{ provider, body string }{
		{"ses", "not json"}, {"ses", `{"Type":"Notification","Message":"{}"}`}, {"sendgrid", `{"event":`},
		{"postmark", `{"RecordType":"Open","ReceivedAt":"yesterday","Metadata":{"tailor_message":"a@b"}}`},
		{"mailgun", "<xml/>"}, {"mandrill", "[]"},
		{"ses", `{"Type":"SubscriptionConfirmation","SubscribeURL":"http://attacker.example/"}`},
	} {
		if _, err := esp.Parse(c.provider, []byte(c.body)); err == nil {
			t.Errorf("%s %s: no error", c.provider, c.body)
		}
	}
}

// TestJoined records every fixture's outcomes in a store that logged
// the send: they join it, each once however often it is delivered.
func TestJoined(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sent := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	if err := st.RecordSends(ctx, []store.Send{{MessageID: mid, Recipient: "ana", Email: "ana@example.com", At: sent}}); err != nil {
		t.Fatal(err)
	}
	total := 0
	for range 2 { // a provider retries: nothing counts twice
		total = 0
		for name, wants := range fixtures() {
			provider, _, _ := strings.Cut(strings.TrimSuffix(name, ".json"), "_")
			b, err := esp.Parse(provider, read(t, name))
			if err != nil {
				t.Fatal(err)
			}
			var os []store.Outcome
			for _, e := range b.Events {
				os = append(os, e.Outcome)
			}
			if err := st.RecordOutcomes(ctx, os); err != nil {
				t.Fatal(err)
			}
			for _, w := range wants {
				if w.kind != store.Bounced || provider != "sendgrid" {
					total++
				}
			}
		}
	}
	for sw, err := range st.SendsBetween(ctx, sent, sent.Add(time.Hour)) {
		if err != nil {
			t.Fatal(err)
		}
		if len(sw.Outcomes) != total {
			t.Errorf("%d outcomes joined, want %d", len(sw.Outcomes), total)
		}
		for _, o := range sw.Outcomes {
			if o.Recipient != "ana" {
				t.Errorf("outcome %+v not joined to ana", o)
			}
		}
	}
}

// TestSESJoinKeys: SES's raw message delivery (no SNS envelope) is read,
// and an X-Tailor-Message header comes before the Message-ID.
func TestSESJoinKeys(t *testing.T) {
	var env struct{ Message string }
	if err := json.Unmarshal(read(t, "ses_delivery.json"), &env); err != nil {
		t.Fatal(err)
	}
	raw := strings.Replace(env.Message, `"headers": [`, `"headers": [{"name": "X-Tailor-Message", "value": "<ours@shop.example>"}, `, 1)
	b, err := esp.Parse("ses", []byte(raw))
	if err != nil || len(b.Events) != 1 {
		t.Fatalf("raw delivery: %+v, %v", b, err)
	}
	if ids := b.Events[0].IDs; len(ids) < 2 || ids[0] != "ours@shop.example" || ids[1] != mid || b.Events[0].Kind != store.Delivered {
		t.Errorf("IDs %q, want ours@shop.example then %s", ids, mid)
	}
}

// TestSESExport: an SES export, SNS messages one a line or in an array
// (a subscription confirmation among them ignored), reads as their events.
func TestSESExport(t *testing.T) {
	var lines []string
	for _, name := range []string{"ses_delivery.json", "ses_subscription.json", "ses_open.json"} {
		var v any
		if err := json.Unmarshal(read(t, name), &v); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(v)
		lines = append(lines, string(b))
	}
	for _, body := range []string{strings.Join(lines, "\n") + "\n", "[" + strings.Join(lines, ",") + "]"} {
		b, err := esp.ParseExport("ses", []byte(body))
		if err != nil || len(b.Events) != 2 || b.Events[0].Kind != store.Delivered || b.Events[1].Kind != store.Opened || b.Ignored != 1 {
			t.Errorf("export %.40s...: %+v, %v", body, b, err)
		}
	}
	if _, err := esp.ParseExport("ses", []byte(lines[0]+"\n{oops\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("a bad line: %v", err)
	}
}
