package serve

import (
	"context"
	"net"
	"regexp"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/smtp"
	"github.com/tailor-email/tailor/smtp/smtptest"
	"github.com/tailor-email/tailor/store"
)

// mailedReminder is a trigger that sends through SMTP alone.
const mailedReminder = `  mailed_reminder:
    on: {enter: has_cart}
    email: newsletter
    delay: 1h
    send: true
    outbox: false
`

var messageIDHeader = regexp.MustCompile(`(?m)^Message-ID: <([^>]+)>\r$`)

// TestJobSendsThroughSMTP: a send: true trigger sends its job through
// SMTP under the job's Message-ID and X-Tailor-Job; delivering the job
// again (as after a crash between sending and recording it) sends the
// same Message-ID and header.
func TestJobSendsThroughSMTP(t *testing.T) {
	box := &smtptest.Backend{}
	port := smtptest.Start(t, box, smtptest.Options{})
	clock := &fakeClock{t: hm(9, 0)}
	s, st, outbox := storyServer(t, clock, mailedReminder)
	s.opts.SMTP = &smtp.Config{Host: "127.0.0.1", Port: port}
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	if n := runDue(t, s, clock, hm(11, 0)); n != 2 {
		t.Fatalf("%d jobs ran, want the outbox and the SMTP reminders", n)
	}
	if files := sent(t, outbox); len(files) != 1 {
		t.Errorf("outbox %v, want cart_reminder's alone", files)
	}
	done, _ := st.ListJobs(context.Background(), store.JobFilter{State: store.JobDone})
	var job store.Job
	for _, j := range done {
		if j.Trigger == "mailed_reminder" {
			job = j
		}
	}
	if job.ID == 0 {
		t.Fatalf("done jobs %+v lack mailed_reminder's", done)
	}
	clock.Set(hm(11, 5))
	if skip, err := s.deliverJob(context.Background(), s.state.Load(), job); skip != "" || err != nil {
		t.Fatalf("delivering again: %q, %v", skip, err)
	}
	got := box.Messages()
	if len(got) != 2 {
		t.Fatalf("the SMTP server got %d messages, want the delivery and the redelivery", len(got))
	}
	for _, m := range got {
		id := messageIDHeader.FindSubmatch(m.Data)
		if id == nil || string(id[1]) != JobMessageID(job, "x@shop.example") || !strings.Contains(string(m.Data), JobHeader+": ") ||
			len(m.To) != 1 || m.To[0] != "zoe@example.com" {
			t.Errorf("message to %v with Message-ID %q, want <%s> and %s to zoe@example.com", m.To, id, JobMessageID(job, "x@shop.example"), JobHeader)
		}
	}
}

// TestJobSMTPDownRetries: SMTP refusing is a failed delivery, retried.
func TestJobSMTPDownRetries(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there now
	clock := &fakeClock{t: hm(9, 0)}
	s, st, _ := storyServer(t, clock, mailedReminder)
	s.opts.SMTP = &smtp.Config{Host: "127.0.0.1", Port: port}
	post(t, s, "note", zoe, hm(9, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(10, 0))
	runDue(t, s, clock, hm(11, 0))
	pending, _ := st.ListJobs(context.Background(), store.JobFilter{State: store.JobPending})
	if len(pending) != 1 || pending[0].Trigger != "mailed_reminder" || pending[0].Attempts != 1 || !pending[0].Due.Equal(hm(11, 1)) ||
		!strings.Contains(pending[0].Note, "SMTP") {
		t.Errorf("pending %+v, want mailed_reminder again at 11:01 after attempt 1, noting the SMTP failure", pending)
	}
}

// TestJobRecheckLeave: a job of on: {leave: ...} is cancelled when the
// recipient is back in the segment when it is due.
func TestJobRecheckLeave(t *testing.T) {
	clock := &fakeClock{t: hm(9, 0)}
	s, st, outbox := storyServer(t, clock, "  emptied:\n    on: {leave: has_cart}\n    email: newsletter\n    delay: 30m\n")
	post(t, s, "note", zoe, hm(7, 0))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Beanie"}}`, hm(8, 0))
	post(t, s, "empty", `{"id":"c-77","event":{}}`, hm(8, 10))
	post(t, s, "cart", `{"id":"c-77","event":{"item":"Hat"}}`, hm(8, 20))
	if n := runDue(t, s, clock, hm(8, 40)); n != 1 {
		t.Fatalf("%d jobs ran at 8:40, want emptied's", n)
	}
	got, _ := st.ListJobs(context.Background(), store.JobFilter{State: store.JobCancelled})
	if len(got) != 1 || got[0].Trigger != "emptied" || got[0].Note != "no longer out of has_cart" {
		t.Errorf("cancelled %+v, want emptied's: no longer out of has_cart", got)
	}
	if files := sent(t, outbox); len(files) != 0 {
		t.Errorf("sent %v", files)
	}
}
