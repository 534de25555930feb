package batch

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
)

// sender renders like fake, with a From address and a date, so each
// message has a Message-ID.
type sender struct{ fake }

func (s sender) Render(ctx context.Context, req render.Request) (*render.Message, error) {
	m, err := s.fake.Render(ctx, req)
	if m != nil {
		m.From, m.To, m.Date = "Shop <news@shop.example>", m.ID+"@example.com", req.Now
		m.Tiers = map[string]string{"value": "gold"}
	}
	return m, err
}

var sendNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// runLogged renders n recipients (r0003 fails) for two emails into dir,
// logging sends to sends.jsonl.
func runLogged(t *testing.T, dir, format string, resume bool, n int) *Summary {
	t.Helper()
	sink, err := Dir(dir, format, resume)
	if err != nil {
		t.Fatal(err)
	}
	l, err := SendsFile(sink, resume)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Emails: []string{"e1", "e2"}, Workers: 4, IDOf: idOf, Now: sendNow}
	sum, err := Run(context.Background(), sender{}, records(n, map[int]bool{3: true}), opts, Logged(sink, l, "shop"))
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// readSendLines reads sends.jsonl's lines, by seq; a seq twice fails.
func readSendLines(t *testing.T, dir string) map[int]sendLine {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, SendsName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[int]sendLine{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l sendLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s: %v", sc.Text(), err)
		}
		if _, dup := out[l.Seq]; dup {
			t.Fatalf("seq %d logged twice", l.Seq)
		}
		out[l.Seq] = l
	}
	return out
}

func TestSendsFileLogsEveryWrittenMessage(t *testing.T) {
	dir := t.TempDir()
	sum := runLogged(t, dir, "jsonl", false, 20)
	got := readSendLines(t, dir)
	if len(got) != sum.Rendered || sum.Rendered != 38 {
		t.Fatalf("%d sends logged, %d rendered (want 38)", len(got), sum.Rendered)
	}
	if _, ok := got[6]; ok { // r0003 x e1 is result 6: it failed
		t.Error("a failed result was logged")
	}
	l := got[5] // r0002 x e2
	want := message.Send(&render.Message{ID: "r0002", Template: "e2", From: "Shop <news@shop.example>", Date: sendNow}, "shop")
	if l.MessageID != want.MessageID || l.Recipient != "r0002" || l.Template != "e2" || l.Email != "r0002@example.com" ||
		l.Campaign != "shop" || !l.At.Equal(sendNow) || l.Modules["hero"] != "hero/x" || l.Variants["x"] != "a" ||
		l.Tiers["value"] != "gold" || strings.Join(l.Segments, ",") != "s" {
		t.Errorf("line of result 5: %+v\nwant message ID %s", l, want.MessageID)
	}
	// Each JSONL line carries the message ID its send is logged under, so
	// a sender working from JSONL can send it as the Message-ID.
	for i, line := range jsonlLines(t, dir) {
		if sd, ok := got[i]; ok && line["message_id"] != sd.MessageID {
			t.Errorf("messages.jsonl line %d: message_id %v, the send log's %s", i+1, line["message_id"], sd.MessageID)
		}
	}
}

// TestSendsFileResumes cuts a finished run's messages.jsonl (as a kill
// would) and resumes: sends.jsonl ends with one line per rendered
// result, the kept results' lines kept and the rest logged again once.
func TestSendsFileResumes(t *testing.T) {
	for _, format := range []string{"jsonl", "eml"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			first := runLogged(t, dir, format, false, 20)
			if format == "jsonl" {
				cutLines(t, filepath.Join(dir, "messages.jsonl"), 10)
			}
			again := runLogged(t, dir, format, true, 20)
			got := readSendLines(t, dir)
			if len(got) != first.Rendered {
				t.Errorf("%d lines after resuming (skipped %d, rendered %d), want %d", len(got), again.Skipped, again.Rendered, first.Rendered)
			}
			if format == "jsonl" && again.Skipped != 10 {
				t.Errorf("skipped %d, want the 10 kept", again.Skipped)
			}
		})
	}
}

// cutLines keeps the first n lines of path.
func cutLines(t *testing.T, path string, n int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	if err := os.WriteFile(path, []byte(strings.Join(lines[:n], "")), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestStoreLogRecordsSends(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for range 2 { // the second run logs the same messages: kept once
		var sink strings.Builder
		opts := Options{Emails: []string{"e1"}, Workers: 4, IDOf: idOf, Now: sendNow}
		if _, err := Run(ctx, sender{}, records(700, nil), opts, Logged(JSONL(&sink), StoreLog(ctx, st), "shop")); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for sw, err := range st.SendsBetween(ctx, time.Time{}, time.Time{}) {
		if err != nil {
			t.Fatal(err)
		}
		if sw.Campaign != "shop" || sw.Template != "e1" {
			t.Fatalf("send %+v", sw.Send)
		}
		n++
	}
	if n != 700 {
		t.Errorf("%d sends in the store, want 700", n)
	}
}

// TestLoggedKeepsWhatTheSinkIs: the wrapper answers every optional
// interface the run asks a sink about, as the sink it wraps does.
func TestLoggedKeepsWhatTheSinkIs(t *testing.T) {
	d, err := Dir(t.TempDir(), "eml", false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	l := Logged(d, StoreLog(context.Background(), nil), "x")
	for name, ok := range map[string]bool{
		"Encoder":         is[Encoder](l),
		"HTMLJSONEncoder": is[HTMLJSONEncoder](l),
		"Storer":          is[Storer](l) && l.(Storer).Stores(),
		"skipKeeper":      is[skipKeeper](l),
		"placeChecker":    is[placeChecker](l),
	} {
		if !ok {
			t.Errorf("Logged(eml folder) is no %s", name)
		}
	}
}

func is[T any](v any) bool {
	_, ok := v.(T)
	return ok
}

// TestSuppressedNotLogged: a recipient the suppression list leaves out
// has no send.
func TestSuppressedNotLogged(t *testing.T) {
	dir := t.TempDir()
	sink, err := Dir(dir, "jsonl", false)
	if err != nil {
		t.Fatal(err)
	}
	l, err := SendsFile(sink, false)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Emails: []string{"e1"}, Workers: 2, IDOf: idOf, Now: sendNow,
		Suppressed: func(_ context.Context, rec recipients.Record, _ string) (bool, error) {
			return rec.Profile["id"] == "r0002", nil
		}}
	sum, err := Run(context.Background(), sender{}, records(5, nil), opts, Logged(sink, l, "shop"))
	if err != nil {
		t.Fatal(err)
	}
	got := readSendLines(t, dir)
	if sum.Suppressed != 1 || len(got) != 4 {
		t.Fatalf("suppressed %d, %d sends; want 1 and 4", sum.Suppressed, len(got))
	}
	if _, ok := got[2]; ok {
		t.Error("the suppressed recipient was logged")
	}
}

// BenchmarkSendsFile is the cost of logging a batch's sends to
// sends.jsonl, per recipient: run it with -bench SendsFile and compare
// logged=true with logged=false.
func BenchmarkSendsFile(b *testing.B) {
	for _, logged := range []bool{false, true} {
		b.Run(map[bool]string{false: "logged=false", true: "logged=true"}[logged], func(b *testing.B) {
			dir := b.TempDir()
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				out := filepath.Join(dir, fmt.Sprint(i))
				sink, err := Dir(out, "jsonl", false)
				if err != nil {
					b.Fatal(err)
				}
				if logged {
					l, err := SendsFile(sink, false)
					if err != nil {
						b.Fatal(err)
					}
					sink = Logged(sink, l, "shop")
				}
				opts := Options{Emails: []string{"e1"}, Workers: 1, IDOf: idOf, Now: sendNow}
				if _, err := Run(context.Background(), quickSender{}, records(1000, nil), opts, sink); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// quickSender is sender without fake's random delay.
type quickSender struct{}

func (quickSender) Render(_ context.Context, req render.Request) (*render.Message, error) {
	id := req.Profile["id"].(string)
	return &render.Message{ID: id, Template: req.Email, HTML: "<p>" + id + "</p>", Text: id, From: "Shop <news@shop.example>",
		To: id + "@example.com", Date: req.Now, Segments: []string{"s"}, Modules: map[string]string{"hero": "hero/x"},
		Variants: map[string]string{"x": "a"}, Tiers: map[string]string{"value": "gold"}}, nil
}
