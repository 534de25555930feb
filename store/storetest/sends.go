package storetest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// sends is the store's send log, which every Store has (store.Sends).
func sends(t *testing.T, loc string) store.Sends {
	t.Helper()
	s, ok := open(t, loc).(store.Sends)
	if !ok {
		t.Fatalf("the store at %s keeps no send log", loc)
	}
	return s
}

// send is the i-th send to who, i minutes after at.
func send(who string, i int) store.Send {
	return store.Send{
		MessageID: fmt.Sprintf("%s.%d@tailor", who, i), Recipient: who, Email: who + "@example.com",
		Template: "welcome", Campaign: "run-1", At: at.Add(time.Duration(i) * time.Minute),
		Segments: []string{"new", "vip"}, Tiers: map[string]string{"value": "gold"},
		Modules: map[string]string{"hero": "hero-sale"}, Variants: map[string]string{"subject": "B"},
		Propensity: map[string]float64{"hero": 0.25},
	}
}

// testSends logs sends, records their outcomes (one twice, one for a
// message never logged) and reads them back joined, over a time range.
func testSends(t *testing.T, loc string) {
	ctx := context.Background()
	s := sends(t, loc)
	var log []store.Send
	for i := range 7 {
		log = append(log, send("ana", i), send("bo", i))
	}
	if err := s.RecordSends(ctx, log); err != nil {
		t.Fatal(err)
	}
	again := send("ana", 0)
	again.Template = "changed"
	if err := s.RecordSends(ctx, []store.Send{again}); err != nil { // a resumed run logs it again
		t.Fatal(err)
	}
	open := store.Outcome{MessageID: "ana.1@tailor", Kind: store.Opened, At: at.Add(90 * time.Second), Machine: true, Source: "tracking"}
	click := store.Outcome{MessageID: "ana.1@tailor", Kind: store.Clicked, At: at.Add(2 * time.Minute), URL: "https://example.com/a", Source: "sendgrid"}
	conv := store.Outcome{MessageID: "bo.2@tailor", Recipient: "bo", Kind: store.Converted, At: at.Add(time.Hour), Source: "event", Value: 19.5}
	stray := store.Outcome{MessageID: "nobody@elsewhere", Kind: store.Bounced, At: at, Source: "ses"}
	if err := s.RecordOutcomes(ctx, []store.Outcome{click, open, conv, stray, open}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordOutcomes(ctx, []store.Outcome{click}); err != nil { // a webhook redelivered
		t.Fatal(err)
	}
	var got []store.SendWithOutcomes
	for sw, err := range s.SendsBetween(ctx, at.Add(time.Minute), at.Add(3*time.Minute)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, sw)
	}
	if len(got) != 4 || got[0].MessageID != "ana.1@tailor" || got[1].MessageID != "bo.1@tailor" || got[3].MessageID != "bo.2@tailor" {
		t.Fatalf("sends in [1m, 3m): %v", ids(got))
	}
	if !reflect.DeepEqual(got[0].Send, send("ana", 1)) {
		t.Errorf("send read back\n got %+v\nwant %+v", got[0].Send, send("ana", 1))
	}
	open.Recipient, click.Recipient = "ana", "ana"
	if want := []store.Outcome{open, click}; !reflect.DeepEqual(got[0].Outcomes, want) {
		t.Errorf("outcomes of ana.1 (recipient from the log, a redelivery kept once)\n got %+v\nwant %+v", got[0].Outcomes, want)
	}
	if len(got[1].Outcomes) != 0 || len(got[3].Outcomes) != 1 || got[3].Outcomes[0].Value != 19.5 {
		t.Errorf("outcomes of bo.1 %+v, bo.2 %+v", got[1].Outcomes, got[3].Outcomes)
	}
	byID, err := s.SendsByID(ctx, "ana.0@tailor", "nobody@elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	if len(byID) != 1 || byID["ana.0@tailor"].Template != "welcome" {
		t.Errorf("SendsByID: %+v, want ana.0 as first logged", byID)
	}
	last, ok, err := s.LastSendTo(ctx, "bo", at.Add(150*time.Second))
	if err != nil || !ok || last.MessageID != "bo.2@tailor" {
		t.Errorf("LastSendTo(bo, 2m30s) = %v, %v, %v; want bo.2", last.MessageID, ok, err)
	}
	if _, ok, _ := s.LastSendTo(ctx, "bo", at.Add(-time.Second)); ok {
		t.Error("LastSendTo found a send before the first")
	}
	if err := s.RecordSends(ctx, []store.Send{{Recipient: "x"}}); err == nil {
		t.Error("a send without a message ID was logged")
	}
}

// testSendsPages reads more sends than a page, all at one time: the
// keyset on (time, message ID) loses and repeats none.
func testSendsPages(t *testing.T, loc string) {
	ctx := context.Background()
	s := sends(t, loc)
	var log []store.Send
	for i := range 1234 {
		sd := send(fmt.Sprintf("r%04d", i), 0)
		sd.At = at
		log = append(log, sd)
	}
	if err := s.RecordSends(ctx, log); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for sw, err := range s.SendsBetween(ctx, time.Time{}, time.Time{}) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[sw.MessageID] {
			t.Fatalf("%s read twice", sw.MessageID)
		}
		seen[sw.MessageID] = true
	}
	if len(seen) != len(log) {
		t.Errorf("read %d sends, logged %d", len(seen), len(log))
	}
}

func ids(sws []store.SendWithOutcomes) []string {
	var out []string
	for _, sw := range sws {
		out = append(out, sw.MessageID)
	}
	return out
}

// testForgetSends forgets a recipient who was sent email: their sends
// and the outcomes of those sends go, in every table, and another's stay.
func testForgetSends(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	gone, kept := send("zed-4711", 0), send("kept", 0)
	if err := s.RecordSends(ctx, []store.Send{gone, kept}); err != nil {
		t.Fatal(err)
	}
	os := []store.Outcome{
		{MessageID: gone.MessageID, Kind: store.Opened, At: at}, // recipient from the log only
		{MessageID: kept.MessageID, Kind: store.Opened, At: at},
	}
	if err := s.RecordOutcomes(ctx, os); err != nil {
		t.Fatal(err)
	}
	if found, err := s.Forget(ctx, "zed-4711"); err != nil || !found {
		t.Fatalf("Forget = %v, %v", found, err)
	}
	rows := 0
	err := s.(store.Dumper).Dump(ctx, func(table string, row []string) error {
		for _, v := range row {
			if strings.Contains(v, "zed-4711") {
				t.Errorf("table %s still mentions the forgotten recipient: %q", table, row)
			}
		}
		if table == "sends" || table == "outcomes" {
			rows++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rows != 2 {
		t.Errorf("%d rows of sends and outcomes left, want kept's send and open", rows)
	}
}
