package batch

import (
	"context"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/store"
)

// SendLog receives, in input order, the send-log entry of every result a
// batch wrote with a message (not failed, not suppressed, not skipped
// by a resume): the store's RecordSends, or a sends.jsonl (SendsFile).
type SendLog interface {
	// Log logs a send; an error stops the batch, as a failed write does.
	Log(store.Send, Result) error
	// Close logs what is pending and releases the log.
	Close() error
}

// Logged wraps sink so that every result it writes with a message is
// logged to l (message.Send, with campaign), right after it is written;
// one without a Message-ID (its From is no address) is not.
// The wrapper keeps what sink is (Encoder, Storer, resumable).
func Logged(sink Sink, l SendLog, campaign string) Sink {
	return &loggedSink{Sink: sink, log: l, campaign: campaign}
}

type loggedSink struct {
	Sink
	log      SendLog
	campaign string
}

func (s *loggedSink) Write(r Result) error {
	if err := s.Sink.Write(r); err != nil {
		return err
	}
	if r.Msg == nil || r.Err != nil || r.Suppressed {
		return nil
	}
	sd := message.Send(r.Msg, s.campaign)
	if sd.MessageID == "" { // no From address: no message to join outcomes to
		return nil
	}
	return s.log.Log(sd, r)
}

func (s *loggedSink) Close() error {
	err := s.Sink.Close()
	if lerr := s.log.Close(); err == nil {
		err = lerr
	}
	return err
}

// Encode implements Encoder for a sink that is one.
func (s *loggedSink) Encode(r Result) ([]byte, error) {
	if e, ok := s.Sink.(Encoder); ok {
		return e.Encode(r)
	}
	return r.Encoded, nil
}

// WantsHTMLJSON implements HTMLJSONEncoder for a sink that is one.
func (s *loggedSink) WantsHTMLJSON() bool {
	e, ok := s.Sink.(HTMLJSONEncoder)
	return ok && e.WantsHTMLJSON()
}

// Stores implements Storer for a sink that is one.
func (s *loggedSink) Stores() bool {
	st, ok := s.Sink.(Storer)
	return ok && st.Stores()
}

// Store implements Storer.
func (s *loggedSink) Store(r Result) error { return s.Sink.(Storer).Store(r) }

func (s *loggedSink) skip(r Result) error {
	if k, ok := s.Sink.(skipKeeper); ok {
		return k.skip(r)
	}
	return nil
}

// storeLogRows is how many sends StoreLog records at once.
const storeLogRows = 500

// StoreLog logs sends to the store, storeLogRows at a time (and the
// rest at Close). The store keeps a message ID's first entry, so a
// resumed batch logs nothing twice.
func StoreLog(ctx context.Context, s store.Sends) SendLog { return &storeLog{ctx: ctx, s: s} }

type storeLog struct {
	ctx     context.Context
	s       store.Sends
	pending []store.Send
}

func (l *storeLog) Log(sd store.Send, _ Result) error {
	l.pending = append(l.pending, sd)
	if len(l.pending) < storeLogRows {
		return nil
	}
	return l.flush()
}

func (l *storeLog) flush() error {
	if len(l.pending) == 0 {
		return nil
	}
	err := l.s.RecordSends(l.ctx, l.pending)
	l.pending = l.pending[:0]
	return err
}

func (l *storeLog) Close() error { return l.flush() }

func (s *loggedSink) checkPlace(j Result) error {
	if pc, ok := s.Sink.(placeChecker); ok {
		return pc.checkPlace(j)
	}
	return nil
}
