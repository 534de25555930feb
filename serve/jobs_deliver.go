package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/trigger"
)

// JobHeader carries a trigger job's ID in every message it sends: with
// the Message-ID (JobMessageID), it makes a delivery after a crash
// recognisably the same message.
const JobHeader = "X-Tailor-Job"

// deliverJob re-checks a due job's recipient and, when it still fits,
// renders its email from the stored profile as it is now and delivers it
// as the trigger says. It returns why it skipped the job (the job is then
// cancelled), or the error of a failed delivery (retried).
func (s *Server) deliverJob(ctx context.Context, st *state, j store.Job) (string, error) {
	t := trigger.Find(st.triggers, j.Trigger)
	if t == nil {
		return "trigger " + quote(j.Trigger) + " is no longer in tailor.yaml", nil
	}
	got, err := s.opts.Store.Get(ctx, j.Profile)
	if err != nil {
		return "", err
	}
	stored, ok := got[j.Profile]
	if !ok {
		return "no stored profile " + quote(j.Profile) + " (forgotten)", nil
	}
	var profile map[string]any
	if err := json.Unmarshal(stored.Data, &profile); err != nil {
		return "", fmt.Errorf("stored profile %s: %w", j.Profile, err)
	}
	dataErrs := typeProfile(st.campaign, profile, nil, nil, "store")
	if sup, err := s.suppressed(ctx, st.campaign, profile); err != nil || sup {
		return "suppressed", err
	}
	now := s.clock()
	ctx, cancel := context.WithTimeout(ctx, s.opts.RenderTimeout)
	defer cancel()
	msg, err := s.render(ctx, st, "trigger", render.Request{Email: t.Email, Profile: profile, Now: now, DataErrors: dataErrs})
	if err != nil {
		return "", err
	}
	if in := slices.Contains(msg.Segments, t.On.Segment); in != t.On.Enter {
		return "no longer " + map[bool]string{true: "in ", false: "out of "}[t.On.Enter] + t.On.Segment, nil
	}
	return "", s.sendJob(ctx, st, t, j, msg)
}

// sendJob writes the job's message to the outbox and sends it, as its
// trigger says, under the job's Message-ID and header.
func (s *Server) sendJob(ctx context.Context, st *state, t *trigger.Trigger, j store.Job, msg *render.Message) error {
	mid := JobMessageID(j, message.ID(msg))
	if err := s.trackJob(ctx, st, msg, mid); err != nil { // tracking.go
		return err
	}
	mm := message.MIME(msg)
	mm.MessageID = mid
	mm.Headers = append(mm.Headers, [2]string{JobHeader, strconv.FormatInt(j.ID, 10)})
	if t.Outbox {
		var eml bytes.Buffer
		if err := mime.Write(&eml, mm); err != nil {
			return fmt.Errorf("job %d: %w", j.ID, err)
		}
		if s.opts.Outbox == "" {
			return fmt.Errorf("trigger %s has outbox: true but the server has no outbox folder (--outbox DIR)", t.Name)
		}
		if err := writeAtomic(JobOutboxPath(s.opts.Outbox, j), eml.Bytes()); err != nil {
			return err
		}
	}
	if t.Send {
		if err := s.send(ctx, st, mm); err != nil {
			return err
		}
	}
	if t.Outbox || t.Send {
		s.logSent(ctx, "trigger:"+t.Name, msg, mid) // tracking.go
	}
	return nil
}

// JobMessageID is the Message-ID of every delivery of job j: its ID and
// the first 64 bits of SHA-256 over its key (so that two stores' jobs of
// one ID differ), at the domain of derived, the Message-ID the message
// would have had.
func JobMessageID(j store.Job, derived string) string {
	_, domain, ok := strings.Cut(derived, "@")
	if !ok {
		domain = "tailor.invalid"
	}
	sum := sha256.Sum256([]byte(j.Key))
	return "job-" + strconv.FormatInt(j.ID, 10) + "." + hex.EncodeToString(sum[:8]) + "@" + domain
}

// JobOutboxPath is where job j's message is written in outbox:
// OUTBOX/triggers/<trigger>/<job ID>-<recipient>.eml, the same file at
// every delivery of the job.
func JobOutboxPath(outbox string, j store.Job) string {
	return filepath.Join(outbox, "triggers", nameOr(j.Trigger, "_"), strconv.FormatInt(j.ID, 10)+"-"+nameOr(j.Profile, "_")+".eml")
}
