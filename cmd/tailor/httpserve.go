package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/internal/httpserve"
	"github.com/tailor-email/tailor/reload"
	"github.com/tailor-email/tailor/render"
)

// serverFlags are the flags the two servers, preview and serve, share.
type serverFlags struct {
	dir, addr, token *string
	now              func() (time.Time, error)
	smtp             smtpFlags
}

// addServerFlags adds --workspace, --addr, --auth-token, --now and the
// --smtp-* flags to set; addr and token are their defaults and usages.
func addServerFlags(set *flag.FlagSet, addr, addrUsage, token, tokenUsage string) *serverFlags {
	f := &serverFlags{
		dir:   set.String("workspace", "", "workspace `DIR`, watched for changes (default: the built-in example, read-only)"),
		addr:  set.String("addr", addr, addrUsage),
		token: set.String("auth-token", token, tokenUsage),
		now:   nowFlag(set),
	}
	f.smtp.add(set)
	return f
}

// parse parses args, which may hold flags only, and checks --addr before
// anything is loaded: beyond loopback it needs --auth-token, and hint says
// how to give one. It returns --now.
func (f *serverFlags) parse(set *flag.FlagSet, args []string, hint string) (time.Time, error) {
	if err := set.Parse(args); err != nil {
		return time.Time{}, err
	}
	if set.NArg() > 0 {
		return time.Time{}, fmt.Errorf("unexpected argument %q", set.Arg(0))
	}
	err := httpserve.CheckAddr(*f.addr, *f.token != "")
	switch {
	case errors.Is(err, httpserve.ErrNotLoopback):
		return time.Time{}, fmt.Errorf("--addr: %w: %s", err, hint)
	case err != nil:
		return time.Time{}, fmt.Errorf("--addr: %w", err)
	}
	return f.now()
}

// open builds the workspace, kept current as its files change, and
// returns its name for messages.
func (f *serverFlags) open(opts ...render.Option) (*reload.Workspace, string, error) {
	name := "built-in example"
	if *f.dir != "" {
		name = *f.dir
	}
	ws, err := reload.Open(*f.dir, shop.FS(), opts...)
	if err != nil {
		return nil, name, fmt.Errorf("workspace %s:\n%w", name, err)
	}
	return ws, name, nil
}

// listen serves cfg.Handler at --addr until SIGINT or SIGTERM, then
// drains requests, while run keeps the workspace current. Once it listens
// it prints the URL (the first stdout line, which scripts read).
func (f *serverFlags) listen(env *cmdEnv, cmd, name string, run func(context.Context) error, cfg httpserve.Config, url func(net.Addr) string) error {
	cfg.Addr, cfg.Remote = *f.addr, *f.token != ""
	cfg.Run = func(ctx context.Context) error {
		if err := run(ctx); err != nil {
			return fmt.Errorf("watch: %w", err)
		}
		return nil
	}
	cfg.Ready = func(a net.Addr) {
		fmt.Fprintf(env.stdout, "tailor %s: %s (workspace %s; Ctrl-C stops)\n", cmd, url(a), name)
	}
	hs, err := httpserve.Listen(cfg)
	if err != nil {
		return err
	}
	if err := hs.Serve(context.Background()); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "tailor %s: stopped\n", cmd)
	return nil
}
