package serve

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/store"
)

// TestTriggerSendLogged: a trigger's reminder is logged under its job's
// Message-ID, and its tracked links are signed for that ID, so that
// clicks join the send.
func TestTriggerSendLogged(t *testing.T) {
	clock := &fakeClock{t: hm(9, 0)}
	s, st, outbox := storyServer(t, clock, "tracking: {base: \"https://mail.example.com\"}\n")
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	if n := runDue(t, s, clock, hm(11, 0)); n != 1 {
		t.Fatalf("%d jobs ran at 11:00, want the reminder", n)
	}
	done, err := st.ListJobs(context.Background(), store.JobFilter{State: store.JobDone})
	if err != nil || len(done) != 1 {
		t.Fatalf("done jobs %+v, %v", done, err)
	}
	mid := JobMessageID(done[0], "x@shop.example")
	sends, err := st.SendsByID(context.Background(), mid)
	if sd := sends[mid]; err != nil || sd.Campaign != "trigger:cart_reminder" || sd.Recipient != "c-77" || !sd.At.Equal(hm(11, 0)) {
		t.Fatalf("send log for %s: %+v, %v", mid, sends, err)
	}
	files := sent(t, outbox)
	if len(files) != 1 {
		t.Fatalf("sent %v", files)
	}
	eml, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	// the HTML part is quoted-printable: its soft line breaks joined
	body := strings.ReplaceAll(strings.ReplaceAll(string(eml), "=\r\n", ""), "=3D", "=")
	if !strings.Contains(body, "https://mail.example.com/t/c/"+url.PathEscape(mid)+"/") {
		t.Errorf("the reminder has no link tracked for %s:\n%.2000s", mid, body)
	}
}
