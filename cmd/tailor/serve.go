package main

import (
	"fmt"
	"net"
	"os"
	"time"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/internal/httpserve"
	"github.com/tailor-email/tailor/serve"
)

func runServe(env *cmdEnv, args []string) error {
	set := newFlags(env, "serve")
	sf := addServerFlags(set, "127.0.0.1:8080", "listen `ADDRESS`; anything but loopback needs --auth-token (port 0 picks a free one)",
		os.Getenv("TAILOR_TOKEN"), "bearer `TOKEN` every request must carry (default $TAILOR_TOKEN)")
	maxBody := set.Int64("max-body", 1<<20, "largest request body in `BYTES`")
	maxBatch := set.Int("max-batch", 100, "most profiles in one /v1/render/batch `N`")
	timeout := set.Duration("render-timeout", 10*time.Second, "bound on one request's rendering (`DURATION`)")
	outbox := set.String("outbox", "", "`DIR` that events with outbox: true write .eml files to")
	tolerance := set.Duration("webhook-tolerance", 5*time.Minute, "how far a webhook signature's t may be from the server's clock (`DURATION`); also how long answers are kept for replays")
	cache := set.Int("idempotency-cache", 10000, "most event answers kept for replays within the tolerance window (`N`); past it new events get 503")
	storeFlags := serveStoreFlags(set)
	jobFlags := serveJobFlags(set) // serve_jobs.go
	now, err := sf.parse(set, args, "set --auth-token or TAILOR_TOKEN so that only callers with the token can render")
	if err != nil {
		return err
	}
	if *tolerance <= 0 || *cache <= 0 {
		return fmt.Errorf("--webhook-tolerance and --idempotency-cache: want more than 0, got %s and %d", *tolerance, *cache)
	}
	batch.TuneGC() // as tailor render does: a request allocates much and keeps little
	ws, name, err := sf.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	opts := serve.Options{
		AuthToken: *sf.token, Secret: os.Getenv("TAILOR_WEBHOOK_SECRET"), Now: now,
		MaxBody: *maxBody, MaxBatch: *maxBatch, RenderTimeout: *timeout, Outbox: *outbox, Log: env.stderr,
		WebhookTolerance: *tolerance, IdempotencyCache: *cache, Jobs: jobFlags.options(),
	}
	if opts.SMTP, err = sf.smtp.config(set, nil); err != nil {
		return err
	}
	closeStore, err := storeFlags.open(env.stderr, *sf.dir, &opts.Store, &opts.UnsubscribeBase)
	if err != nil {
		return err
	}
	defer closeStore()
	srv, err := serve.New(ws, opts)
	if err != nil {
		return fmt.Errorf("workspace %s:\n%w", name, err)
	}
	// The write timeout leaves room for a request's render timeout.
	cfg := httpserve.Config{
		Handler: srv.Handler(), Drain: 10 * time.Second,
		WriteTimeout: max(httpserve.DefaultWriteTimeout, *timeout+5*time.Second),
	}
	return sf.listen(env, "serve", name, withJobs(srv), cfg, func(a net.Addr) string { return "http://" + a.String() })
}
