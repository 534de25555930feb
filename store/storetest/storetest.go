package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// Fresh returns the location of a new, empty store (a file path or a
// postgres:// URL) for one test.
type Fresh func(t *testing.T) string

// Run runs the conformance suite on the stores fresh gives.
func Run(t *testing.T, fresh Fresh) {
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, loc string)
	}{
		{"Migrations", testMigrations},
		{"Profiles", testProfiles},
		{"Cursor", testCursor},
		{"Events", testEvents},
		{"Segments", testSegments},
		{"Suppressions", testSuppressions},
		{"Secret", testSecret},
		{"Forget", testForget},
		{"Concurrent", testConcurrent},
		{"ApplyConcurrent", testApplyConcurrent}, {"ApplyTransitions", testApplyTransitions}, {"ApplyEach", testApplyEach}, // apply.go, #20
		{"Sends", testSends}, {"SendsPages", testSendsPages}, {"ForgetSends", testForgetSends}, // sends.go, #21
		{"JobsSchedule", testSchedule}, {"JobsClaim", testClaim}, {"JobsRetry", testRetry}, {"JobsConcurrent", testClaimConcurrent}, {"JobsOnceConcurrent", testOnceConcurrent}, // jobs.go, #20
		{"Recent", testRecent}, // recent.go, the preview's timeline
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, fresh(t)) })
	}
}

// open opens loc, closed at the test's end.
func open(t *testing.T, loc string) store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), loc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func testMigrations(t *testing.T, loc string) {
	ctx := context.Background()
	for range 2 { // the second open finds every migration applied
		s := open(t, loc)
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v != store.Latest() || v < 1 {
			t.Fatalf("version %d, want %d", v, store.Latest())
		}
	}
}

// at is a fixed time with microseconds, which the store keeps.
var at = time.Date(2026, 11, 2, 9, 30, 0, 123456000, time.UTC)

func profile(id string, n int) store.Profile {
	data := fmt.Sprintf(`{"id":%q,"email":"%s@example.com","n":%d,"since":"2024-01-02T03:04:05Z","tags":["a","b"]}`, id, id, n)
	return store.Profile{ID: id, Email: strings.ToUpper(id) + "@Example.com", Data: json.RawMessage(data), Updated: at}
}

func testProfiles(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	if err := s.Put(ctx, []store.Profile{profile("ana", 1), profile("bo", 2)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, []store.Profile{profile("bo", 3)}); err != nil { // an upsert
		t.Fatal(err)
	}
	got, err := s.Get(ctx, "ana", "bo", "cy")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d profiles, want ana and bo: %v", len(got), got)
	}
	want := profile("bo", 3)
	if b := got["bo"]; string(b.Data) != string(want.Data) || !b.Updated.Equal(at) || b.Email != "bo@example.com" {
		t.Errorf("bo = %+v (data %s), want data %s at %v, address normalized", b, b.Data, want.Data, at)
	}
	if err := s.Put(ctx, []store.Profile{profile("cy", 1), profile("cy", 2)}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Get(ctx, "cy"); string(got["cy"].Data) != string(profile("cy", 2).Data) {
		t.Errorf("an ID given twice to Put: %s, want the later", got["cy"].Data)
	}
	if err := s.Put(ctx, []store.Profile{{Data: json.RawMessage(`{}`)}}); err == nil {
		t.Error("a profile without an ID was stored")
	}
}

func testEvents(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	var last int64
	for i, name := range []string{"purchase", "open", "purchase"} {
		data := json.RawMessage(fmt.Sprintf(`{"i":%d}`, i))
		seq, err := s.Append(ctx, store.Event{Profile: "ana", Name: name, At: at.Add(time.Duration(i) * time.Second), Data: data})
		if err != nil {
			t.Fatal(err)
		}
		if seq <= last {
			t.Fatalf("event %d has seq %d after %d", i, seq, last)
		}
		last = seq
	}
	if _, err := s.Append(ctx, store.Event{Profile: "bo", Name: "open", At: at}); err != nil {
		t.Fatal(err)
	}
	evs, err := s.Events(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 || evs[2].Name != "purchase" || string(evs[2].Data) != `{"i":2}` || !evs[1].At.Equal(at.Add(time.Second)) {
		t.Fatalf("events of ana: %+v", evs)
	}
	if evs, _ := s.Events(ctx, "bo"); len(evs) != 1 || evs[0].Data != nil {
		t.Fatalf("events of bo: %+v", evs)
	}
}

func testSegments(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	t1, t2 := at, at.Add(time.Hour)
	tr, err := s.SetSegments(ctx, "ana", []string{"vip", "new"}, t1)
	if err != nil {
		t.Fatal(err)
	}
	if segs(tr) != "[{new true} {vip true}]" {
		t.Errorf("first transitions %v", tr)
	}
	tr, err = s.SetSegments(ctx, "ana", []string{"vip", "churn"}, t2)
	if err != nil {
		t.Fatal(err)
	}
	if segs(tr) != "[{churn true} {new false}]" {
		t.Errorf("second transitions %v", tr)
	}
	ms, err := s.Segments(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Membership{{Segment: "churn", Member: true, Changed: t2}, {Segment: "new", Changed: t2}, {Segment: "vip", Member: true, Changed: t1}}
	if fmt.Sprint(ms) != fmt.Sprint(want) {
		t.Errorf("membership\n got %v\nwant %v", ms, want)
	}
	if tr, _ := s.SetSegments(ctx, "ana", []string{"churn", "vip"}, t2.Add(time.Hour)); len(tr) != 0 {
		t.Errorf("no change gave transitions %v", tr)
	}
}

func testSuppressions(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Suppress(ctx, store.Suppression{Who: "Ana@Example.com ", List: "news", Reason: "unsubscribe", At: at}))
	must(s.Suppress(ctx, store.Suppression{Who: "bo", Reason: "bounce", At: at}))
	for _, c := range []struct {
		who, list string
		want      bool
	}{{"ana@example.com", "news", true}, {"ana@example.com", "offers", false}, {"bo", "news", true}, {"bo", "", true}, {"cy", "news", false}} {
		got, err := s.Suppressed(ctx, c.who, c.list)
		must(err)
		if got != c.want {
			t.Errorf("Suppressed(%q, %q) = %v, want %v", c.who, c.list, got, c.want)
		}
	}
	for _, c := range []struct {
		list, id, email string
		want            bool
	}{
		{"news", "x1", "ANA@example.com", true}, {"news", "", "ana@example.com", true}, {"news", "bo", "z@example.com", true},
		{"news", "bo", "", true}, {"offers", "x1", "ana@example.com", false}, {"news", "cy", "cy@example.com", false},
		{"news", "", "", false}, {"", "bo", "ana@example.com", true},
	} {
		got, err := store.RecipientSuppressed(ctx, s, c.list, c.id, c.email)
		must(err)
		if got != c.want {
			t.Errorf("RecipientSuppressed(%q, %q, %q) = %v, want %v", c.list, c.id, c.email, got, c.want)
		}
	}
	ok, err := s.Unsuppress(ctx, "ANA@example.com", "news")
	must(err)
	if !ok {
		t.Error("Unsuppress found nothing")
	}
	if got, _ := s.Suppressed(ctx, "ana@example.com", "news"); got {
		t.Error("still suppressed after Unsuppress")
	}
	if ok, _ := s.Unsuppress(ctx, "ana@example.com", "news"); ok {
		t.Error("a second Unsuppress found something")
	}
}

func testSecret(t *testing.T, loc string) {
	ctx := context.Background()
	s := open(t, loc)
	a, err := s.Secret(ctx, "unsubscribe")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Secret(ctx, "unsubscribe")
	c, _ := s.Secret(ctx, "other")
	if len(a) != 32 || string(a) != string(b) || string(a) == string(c) {
		t.Errorf("secrets: %x, again %x, other %x", a, b, c)
	}
	if again, _ := open(t, loc).Secret(ctx, "unsubscribe"); string(again) != string(a) {
		t.Error("the secret changed on reopening")
	}
}
