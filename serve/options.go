package serve

import (
	"io"
	"time"

	"github.com/tailor-email/tailor/smtp"
	"github.com/tailor-email/tailor/store"
)

// Options configure a Server. Zero values take the defaults below.
type Options struct {
	// Store, when set, is the audience store: events keep their profile
	// and the event in it before they are answered, a suppressed
	// recipient's event renders nothing, unsubscribe URLs are the signed
	// ones of POST /v1/unsubscribe, and DELETE /v1/profiles/{id} forgets.
	Store store.Store
	// Transitions, when set, receives the transitions an event made to a
	// stored profile, after the transaction that recorded them commits
	// (the hook of triggers); its error is logged, the event still
	// answered.
	Transitions store.TransitionSink
	// UnsubscribeBase is the origin of the signed unsubscribe URLs (where
	// this server is reached from outside); default the origin of
	// tailor.yaml's unsubscribe:.
	UnsubscribeBase string
	// AuthToken, when set, must come as "Authorization: Bearer TOKEN" on
	// every route but /healthz (an event route also accepts a valid
	// webhook signature instead).
	AuthToken string
	// Secret is the HMAC-SHA256 webhook secret for events that name none
	// of their own (events.Config.SecretEnv). When an event has a secret,
	// its requests must carry X-Tailor-Signature: t=UNIX,v1=HEX (see
	// SignatureHeader).
	Secret string
	// WebhookTolerance bounds how far a signature's time may be from the
	// server's clock, either way; default 5 minutes. It is also how long
	// an event's answer is kept for replays (see IdempotencyCache).
	WebhookTolerance time.Duration
	// IdempotencyCache bounds the event answers kept for replays; default
	// 10000. Past it, a new event is refused with 503 until old answers
	// leave the tolerance window.
	IdempotencyCache int
	// Getenv reads an event's secret_env; nil means os.Getenv.
	Getenv func(string) string
	// MaxBody bounds a request body in bytes; default 1 MiB.
	MaxBody int64
	// MaxBatch bounds the profiles of one batch request; default 100.
	MaxBatch int
	// RenderTimeout bounds one request's rendering (a batch's as a whole);
	// default 10s. The engine bounds each recipient's render too.
	RenderTimeout time.Duration
	// Now fixes the clock of requests that give none (--now); zero means
	// the wall clock. tailor.yaml's now is for goldens and does not apply.
	Now time.Time
	// Clock is the server's wall clock, read for requests without a now,
	// signature times and the replay window; nil means time.Now.
	Clock func() time.Time
	// Outbox is the folder events with outbox: true write .eml files to.
	Outbox string
	// SMTP sends messages of events with send: true; nil uses tailor.yaml's.
	SMTP *smtp.Config
	// Log receives one line per panic, failed delivery and rebuild.
	Log io.Writer
	// Jobs configures the runner of the triggers' jobs (jobs.go).
	Jobs JobOptions
}

func (o *Options) defaults() {
	if o.MaxBody <= 0 {
		o.MaxBody = 1 << 20
	}
	if o.MaxBatch <= 0 {
		o.MaxBatch = 100
	}
	if o.RenderTimeout <= 0 {
		o.RenderTimeout = 10 * time.Second
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.WebhookTolerance <= 0 {
		o.WebhookTolerance = 5 * time.Minute
	}
	if o.IdempotencyCache <= 0 {
		o.IdempotencyCache = 10000
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	o.Jobs.defaults()
}
