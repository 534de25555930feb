package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/internal/httpserve"
	"github.com/tailor-email/tailor/reload"
	"github.com/tailor-email/tailor/serve"
)

func runServe(env *cmdEnv, args []string) error {
	set := newFlags(env, "serve")
	dir := set.String("workspace", "", "workspace `DIR`, watched for changes (default: the built-in example, read-only)")
	addr := set.String("addr", "127.0.0.1:8080", "listen `ADDRESS`; anything but loopback needs --auth-token (port 0 picks a free one)")
	token := set.String("auth-token", os.Getenv("TAILOR_TOKEN"), "bearer `TOKEN` every request must carry (default $TAILOR_TOKEN)")
	maxBody := set.Int64("max-body", 1<<20, "largest request body in `BYTES`")
	maxBatch := set.Int("max-batch", 100, "most profiles in one /v1/render/batch `N`")
	timeout := set.Duration("render-timeout", 10*time.Second, "bound on one request's rendering (`DURATION`)")
	outbox := set.String("outbox", "", "`DIR` that events with outbox: true write .eml files to")
	tolerance := set.Duration("webhook-tolerance", 5*time.Minute, "how far a webhook signature's t may be from the server's clock (`DURATION`); also how long answers are kept for replays")
	cache := set.Int("idempotency-cache", 10000, "most event answers kept for replays within the tolerance window (`N`); past it new events get 503")
	nowOf := nowFlag(set)
	var sf smtpFlags
	sf.add(set)
	if err := set.Parse(args); err != nil {
		return err
	}
	if set.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", set.Arg(0))
	}
	if err := checkAddr(*addr, *token, "set --auth-token or TAILOR_TOKEN so that only callers with the token can render"); err != nil {
		return err
	}
	if *tolerance <= 0 || *cache <= 0 {
		return fmt.Errorf("--webhook-tolerance and --idempotency-cache: want more than 0, got %s and %d", *tolerance, *cache)
	}
	now, err := nowOf()
	if err != nil {
		return err
	}
	name := "built-in example"
	if *dir != "" {
		name = *dir
	}
	ws, err := reload.Open(*dir, shop.FS())
	if err != nil {
		return fmt.Errorf("workspace %s:\n%w", name, err)
	}
	defer ws.Close()
	opts := serve.Options{
		AuthToken: *token, Secret: os.Getenv("TAILOR_WEBHOOK_SECRET"), Now: now,
		MaxBody: *maxBody, MaxBatch: *maxBatch, RenderTimeout: *timeout, Outbox: *outbox, Log: env.stderr,
		WebhookTolerance: *tolerance, IdempotencyCache: *cache,
	}
	if opts.SMTP, err = sf.config(set, nil); err != nil {
		return err
	}
	srv, err := serve.New(ws, opts)
	if err != nil {
		return fmt.Errorf("workspace %s:\n%w", name, err)
	}
	return listenAndServe(env, srv, *addr, *token, name, *timeout)
}

// listenAndServe prints the bound address (the first stdout line, which
// scripts read) and serves until SIGINT or SIGTERM, then drains requests.
// The write timeout leaves room for a request's render timeout.
func listenAndServe(env *cmdEnv, srv *serve.Server, addr, token, name string, timeout time.Duration) error {
	hs, err := httpserve.Listen(httpserve.Config{
		Addr: addr, Remote: token != "", Handler: srv.Handler(),
		WriteTimeout: max(httpserve.DefaultWriteTimeout, timeout+5*time.Second), Drain: 10 * time.Second,
		Run: watching(srv.Run),
		Ready: func(a net.Addr) {
			fmt.Fprintf(env.stdout, "tailor serve: http://%s (workspace %s; Ctrl-C stops)\n", a, name)
		},
	})
	if err != nil {
		return err
	}
	if err := hs.Serve(context.Background()); err != nil {
		return err
	}
	fmt.Fprintln(env.stderr, "tailor serve: stopped")
	return nil
}
