package preview_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/unsubscribe"
)

// storeWith opens a SQLite store in a temp folder holding ps, closed at
// the test's end.
func storeWith(t *testing.T, ps ...store.Profile) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Put(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
	return st
}

// stored is a stored profile with the example schema's fields.
func stored(id, email, name string, extra string) store.Profile {
	data := fmt.Sprintf(`{"id":%q,"email":%q,"first_name":%q,"locale":"en-US"%s}`, id, email, name, extra)
	return store.Profile{ID: id, Email: email, Data: json.RawMessage(data), Updated: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
}

func withStore(st store.Store) func(*preview.Options) {
	return func(o *preview.Options) { o.Store = st }
}

// countingStore counts the profiles its Profiles streams yield.
type countingStore struct {
	store.Store
	read atomic.Int64
}

func (c *countingStore) Profiles(ctx context.Context, f store.Filter) iter.Seq2[store.Profile, error] {
	return func(yield func(store.Profile, error) bool) {
		for p, err := range c.Store.Profiles(ctx, f) {
			c.read.Add(1)
			if !yield(p, err) {
				return
			}
		}
	}
}

// TestStoredRecipients: the index lists the fixtures, then the stored
// recipients marked as stored; a stored recipient's page renders their
// stored profile, also when a fixture has the same ID.
func TestStoredRecipients(t *testing.T) {
	st := storeWith(t, stored("s-1", "zoe@example.com", "Zoé", ""), stored("c-1001", "ana.stored@example.com", "Anastored", ""))
	h, _ := newHandler(t, withStore(st))
	res, body := do(t, h, "GET", "/", nil, nil)
	ana, zoe := strings.Index(body, `href="/email/newsletter/r/c-1001"`), strings.Index(body, `href="/email/newsletter/s/s-1"`)
	if res.StatusCode != 200 || ana < 0 || zoe < ana || !strings.Contains(body, `href="/email/newsletter/s/c-1001"`) {
		t.Fatalf("status %d; the index does not list the fixtures and then the stored recipients:\n%.3000s", res.StatusCode, body)
	}
	if !strings.Contains(body, "Then the first 2 recipients of the audience store") || !strings.Contains(body, `data-stored="1"`) {
		t.Errorf("the index does not mark the stored recipients:\n%.2000s", body)
	}
	res, body = do(t, h, "GET", "/email/newsletter/s/c-1001", nil, nil)
	if res.StatusCode != 200 || !strings.Contains(body, "ana.stored@example.com") || !strings.Contains(body, `id="stored-chip"`) || !strings.Contains(body, "audience store, updated 2026-11-02 09:00 UTC") {
		t.Errorf("status %d; the stored c-1001 is not the stored profile:\n%.3000s", res.StatusCode, body)
	}
	if _, body = do(t, h, "GET", "/email/newsletter/r/c-1001", nil, nil); strings.Contains(body, "audience store, updated") || strings.Contains(body, `id="stored-chip"`) {
		t.Error("the fixture c-1001's page shows the stored profile")
	}
	if res, _ := do(t, h, "GET", "/email/newsletter/s/c-1001/frame", nil, nil); res.StatusCode != 200 {
		t.Errorf("a stored recipient's frame: status %d", res.StatusCode)
	}
	if res, _ := do(t, h, "GET", "/email/newsletter/s/nobody", nil, nil); res.StatusCode != 404 {
		t.Errorf("an ID the store does not hold: status %d, want 404", res.StatusCode)
	}
	if res, _ := do(t, h, "GET", "/email/newsletter/s/c-1002", nil, nil); res.StatusCode != 404 {
		t.Errorf("a fixture's ID under /s/ when the store does not hold it: status %d, want 404", res.StatusCode)
	}
}

// TestStoredNoStore: without a store, /s/ pages are unknown and the
// index lists the fixtures only.
func TestStoredNoStore(t *testing.T) {
	h, _ := newHandler(t)
	if res, _ := do(t, h, "GET", "/email/newsletter/s/c-1001", nil, nil); res.StatusCode != 404 {
		t.Errorf("a stored page without a store: status %d, want 404", res.StatusCode)
	}
	if _, body := do(t, h, "GET", "/", nil, nil); strings.Contains(body, "/s/") || strings.Contains(body, "audience store") {
		t.Error("the index lists stored recipients without a store")
	}
}

// TestStoredManyProfiles: a store of 5,000 profiles lists only the first
// maxStored (50) by ID, says it holds more, and the switcher finds one
// beyond them by exact ID and by address.
func TestStoredManyProfiles(t *testing.T) {
	var ps []store.Profile
	for i := range 5000 {
		ps = append(ps, stored(fmt.Sprintf("m%04d", i), fmt.Sprintf("m%04d@example.com", i), fmt.Sprintf("M%d", i), ""))
	}
	cs := &countingStore{Store: storeWith(t, ps...)}
	h, _ := newHandler(t, withStore(cs))
	_, body := do(t, h, "GET", "/", nil, nil)
	if n := strings.Count(body, `href="/email/newsletter/s/`); n != 50 {
		t.Errorf("the index lists %d stored recipients of newsletter, want 50", n)
	}
	if n := cs.read.Load(); n != 51 {
		t.Errorf("the index read %d stored profiles, want 51 (the 50 listed and one to know there are more)", n)
	}
	if _, m := do(t, h, "GET", "/email/newsletter", nil, nil); strings.Contains(m, "/s/") || !strings.Contains(m, "/r/c-1001") {
		t.Error("the decision matrix does not stay with the fixtures")
	}
	if !strings.Contains(body, `/s/m0049"`) || strings.Contains(body, `/s/m0050"`) || !strings.Contains(body, "it holds more") {
		t.Errorf("the index does not list exactly m0000..m0049 and say there are more:\n%.1500s", body)
	}
	_, page := do(t, h, "GET", "/email/newsletter/s/m0000", nil, nil)
	if !strings.Contains(page, `<option value="M0 · m0000@example.com · m0000 · stored">`) || strings.Contains(page, "m0050") {
		t.Errorf("the switcher does not list the first stored recipients only:\n%.2000s", page)
	}
	for _, q := range []string{"m4321", "M4321@Example.com"} {
		res, _ := do(t, h, "GET", "/email/newsletter/find?q="+url.QueryEscape(q), nil, nil)
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/email/newsletter/s/m4321" {
			t.Errorf("find %q: status %d to %q, want the stored m4321's page", q, res.StatusCode, loc)
		}
	}
	if res, body := do(t, h, "GET", "/email/newsletter/find?q=m432", nil, nil); res.StatusCode != 200 || !strings.Contains(body, "No recipient matches") {
		t.Errorf("find a part of an unlisted ID: status %d, want no match (the store is asked for exact IDs and addresses only)", res.StatusCode)
	}
}

// TestStoredDataErrors: a stored value that does not fit the schema is
// left out of the render and listed at its store:1:COL, with the stored
// line marked.
func TestStoredDataErrors(t *testing.T) {
	p := stored("s-2", "bad@example.com", "Bad", `,"last_purchase_at":"yesterday"`)
	h, _ := newHandler(t, withStore(storeWith(t, p)))
	res, body := do(t, h, "GET", "/email/newsletter/s/s-2", nil, nil)
	col := strings.Index(string(p.Data), `"yesterday"`) + 1
	want := fmt.Sprintf("store:1:%d: last_purchase_at: &#34;yesterday&#34; is not a time (want RFC 3339 or YYYY-MM-DD)", col)
	if col != 94 {
		t.Fatalf("the stored JSON changed: col %d, and docs/preview.md names store:1:94", col)
	}
	if res.StatusCode != 200 || !strings.Contains(body, `id="data-errors"`) || !strings.Contains(body, want) {
		t.Errorf("status %d; the page does not list %s:\n%.3000s", res.StatusCode, want, body)
	}
	if !strings.Contains(body, `<span class="src-line bad"><span class="ln" aria-hidden="true">1</span>{&#34;id&#34;:&#34;s-2&#34;`) {
		t.Errorf("the data error does not show the stored line:\n%.3000s", body)
	}
}

// TestStoredSuppressed: a suppressed stored recipient (by address, on
// every list) is marked so, and their email still shows.
func TestStoredSuppressed(t *testing.T) {
	st := storeWith(t, stored("s-3", "gone@example.com", "Gone", ""), stored("s-4", "list@example.com", "List", ""),
		stored("s-5", "other@example.com", "Other", ""), stored("s-6", "here@example.com", "Here", ""))
	for _, sup := range []store.Suppression{
		{Who: "GONE@example.com", List: store.AllLists}, // by address, on every list
		{Who: "s-4", List: "Tailor Shop weekly"},        // by ID, on the campaign's list (tailor.yaml's name)
		{Who: "s-5", List: "another list"},
	} {
		sup.Reason, sup.At = "unsubscribe", time.Now()
		if err := st.Suppress(context.Background(), sup); err != nil {
			t.Fatal(err)
		}
	}
	h, _ := newHandler(t, withStore(st))
	for _, id := range []string{"s-3", "s-4"} {
		res, body := do(t, h, "GET", "/email/newsletter/s/"+id, nil, nil)
		if res.StatusCode != 200 || !strings.Contains(body, `id="suppressed-chip"`) || !strings.Contains(body, `id="suppressed"`) || !strings.Contains(body, `id="subject"`) {
			t.Errorf("status %d; the suppressed %s is not marked, or their email is not shown:\n%.3000s", res.StatusCode, id, body)
		}
	}
	for _, id := range []string{"s-5", "s-6"} {
		if _, body := do(t, h, "GET", "/email/newsletter/s/"+id, nil, nil); strings.Contains(body, `id="suppressed-chip"`) {
			t.Errorf("%s, not suppressed on this campaign's list, is marked suppressed", id)
		}
	}
}

// TestStoredTimeline: a stored recipient's page shows their events,
// transitions with their cause, jobs and sends with outcomes, newest
// first, and at most 25 of each kind.
func TestStoredTimeline(t *testing.T) {
	ctx := context.Background()
	st := storeWith(t, stored("s-5", "tim@example.com", "Tim", ""))
	t0 := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	for i := range 30 { // more than the timeline shows
		at := t0.Add(time.Duration(i) * time.Second)
		_, err := st.Apply(ctx, "s-5", at, func(store.Current) (store.Update, error) {
			return store.Update{Event: &store.Event{Name: fmt.Sprintf("view%02d", i), At: at, Data: json.RawMessage(`{"page":"shoes"}`)}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	cart := t0.Add(time.Hour)
	applied, err := st.Apply(ctx, "s-5", cart, func(store.Current) (store.Update, error) {
		return store.Update{Event: &store.Event{Name: "cart", At: cart}, Segments: map[string]bool{"abandoned_cart": true}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	early := store.Job{Key: "winback/s-5/1", Trigger: "winback", Profile: "s-5", Email: "newsletter", Due: t0.Add(time.Hour), Created: t0.Add(time.Minute)}
	job := store.Job{Key: "cart_reminder/s-5/1", Trigger: "cart_reminder", Profile: "s-5", Email: "newsletter", Due: cart.Add(time.Hour), Created: cart.Add(time.Second)}
	if _, err := st.Schedule(ctx, []store.Job{early}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CancelJobs(ctx, "s-5", "winback", "entered recent_purchaser", t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Schedule(ctx, []store.Job{job}); err != nil {
		t.Fatal(err)
	}
	send := store.Send{MessageID: "m1@tailor", Recipient: "s-5", Email: "tim@example.com", Template: "newsletter", Campaign: "weekly", At: cart.Add(2 * time.Minute)}
	if err := st.RecordSends(ctx, []store.Send{send}); err != nil {
		t.Fatal(err)
	}
	click := store.Outcome{MessageID: "m1@tailor", Kind: store.Clicked, At: cart.Add(3 * time.Minute), URL: "https://shop.example/cart", Source: "tracking"}
	if err := st.RecordOutcomes(ctx, []store.Outcome{click}); err != nil {
		t.Fatal(err)
	}
	h, _ := newHandler(t, withStore(st))
	res, body := do(t, h, "GET", "/email/newsletter/s/s-5", nil, nil)
	tl := body[max(strings.Index(body, `id="timeline"`), 0):]
	order := []string{"sent newsletter", "https://shop.example/cart", "pending: email newsletter by trigger cart_reminder",
		`<time datetime="2026-11-02T11:00:00Z">`, "entered segment abandoned_cart", fmt.Sprintf("cause cart#%d", applied.Seq), "event cart #",
		"cancelled: email newsletter by trigger winback", "due 2026-11-02T11:00:00Z: entered recent_purchaser",
		"event view29 #", `{&#34;page&#34;:&#34;shoes&#34;}`, "event view06 #"}
	last := -1
	for _, w := range order {
		i := strings.Index(tl, w)
		if i < 0 || i < last {
			t.Fatalf("status %d; the timeline does not have %q after the newer items:\n%.5000s", res.StatusCode, w, tl)
		}
		last = i
	}
	if strings.Contains(tl, "event view05 #") || !strings.Contains(tl, "Only the latest events are shown") {
		t.Errorf("the timeline shows more than the latest 25 events, or does not say it:\n%.5000s", tl)
	}
}

// TestStoredSignedUnsubscribe: with a store, every email carries the
// unsubscribe URL signed by the store's key, as tailor render writes it
// with the store; without one, tailor.yaml's.
func TestStoredSignedUnsubscribe(t *testing.T) {
	st := storeWith(t, stored("s-9", "sig@example.com", "Sig", ""))
	sg, err := unsubscribe.StoreSigner(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := newHandler(t, withStore(st))
	for _, id := range []string{"r/c-1001", "s/s-9"} {
		_, frame := do(t, h, "GET", "/email/newsletter/"+id+"/frame", nil, nil)
		want := "https://shop.example" + unsubscribe.Path + "?id=" + id[2:] + "&amp;list=Tailor+Shop+weekly&amp;sig=" + sg.Sign(id[2:], "Tailor Shop weekly")
		if !strings.Contains(frame, want) {
			t.Errorf("%s: the email does not carry the signed URL %s", id, want)
		}
	}
	plain, _ := newHandler(t)
	if _, frame := do(t, plain, "GET", "/email/newsletter/r/c-1001/frame", nil, nil); !strings.Contains(frame, "https://shop.example/unsubscribe?u=c-1001") {
		t.Error("without a store the email does not carry tailor.yaml's unsubscribe URL")
	}
}

// TestStoredEdit: a stored recipient's profile can be edited and
// re-rendered like a fixture's, and the edit links back to the stored
// profile.
func TestStoredEdit(t *testing.T) {
	h, _ := newHandler(t, withStore(storeWith(t, stored("s-10", "ed@example.com", "Ed", ""))))
	token := csrfOf(t, h)
	res, _ := do(t, h, "POST", "/email/newsletter/s/s-10/edit",
		url.Values{"csrf": {token}, "profile": {`{"id": "s-10", "email": "ed@example.com", "first_name": "Edmund"}`}}, nil)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/email/newsletter/s/s-10?draft=") {
		t.Fatalf("edit: status %d to %q, want the stored page with the draft", res.StatusCode, loc)
	}
	res, body := do(t, h, "GET", loc, nil, nil)
	if res.StatusCode != 200 || !strings.Contains(body, "Edmund") || !strings.Contains(body, `<a href="/email/newsletter/s/s-10">Back to the stored profile</a>`) {
		t.Errorf("status %d; the edited stored page does not show the edit or link back:\n%.3000s", res.StatusCode, body)
	}
}
