package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/internal/httpserve"
	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/reload"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/smtp"
	"github.com/tailor-email/tailor/workspace"
)

// smtpFlags are the --smtp-* flags; set ones override tailor.yaml's smtp:.
type smtpFlags struct {
	host, user, from   string
	port               int
	startTLS, implicit bool
}

func (f *smtpFlags) add(set *flag.FlagSet) {
	set.StringVar(&f.host, "smtp-host", "", "send-test SMTP `HOST` (default: tailor.yaml smtp.host)")
	set.IntVar(&f.port, "smtp-port", 0, "send-test SMTP `PORT` (default 587 with STARTTLS, 465 with TLS, else 25)")
	set.BoolVar(&f.startTLS, "smtp-starttls", false, "upgrade the SMTP connection with STARTTLS")
	set.BoolVar(&f.implicit, "smtp-tls", false, "connect to SMTP with implicit TLS")
	set.StringVar(&f.user, "smtp-user", "", "SMTP `USER`; the password is read from $TAILOR_SMTP_PASSWORD")
	set.StringVar(&f.from, "smtp-from", "", "envelope sender `ADDRESS` (default: the email's From)")
}

// config merges the flags that were set over the workspace's smtp: section.
func (f *smtpFlags) config(set *flag.FlagSet, base *smtp.Config) (*smtp.Config, error) {
	var c smtp.Config
	if base != nil {
		c = *base
	}
	any := false
	set.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "smtp-host":
			c.Host = f.host
		case "smtp-port":
			c.Port = f.port
		case "smtp-starttls":
			c.StartTLS = f.startTLS
		case "smtp-tls":
			c.TLS = f.implicit
		case "smtp-user":
			c.Username, c.Password = f.user, os.Getenv("TAILOR_SMTP_PASSWORD")
		case "smtp-from":
			c.From = f.from
		default:
			return
		}
		any = true
	})
	if base == nil && !any {
		return nil, nil
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	return &c, nil
}

func runPreview(env *cmdEnv, args []string) error {
	set := newFlags(env, "preview")
	dir := set.String("workspace", "", "workspace `DIR`, watched for changes (default: the built-in example, read-only)")
	addr := set.String("addr", "127.0.0.1:8025", "listen `ADDRESS`; anything but loopback needs --auth-token")
	file := set.String("recipients", "", "recipients `FILE` (JSON, JSONL or CSV) instead of the workspace's fixtures")
	token := set.String("auth-token", "", "`TOKEN` every request must carry (Authorization: Bearer, or open the URL once with ?token=)")
	nowOf := nowFlag(set)
	var sf smtpFlags
	sf.add(set)
	if err := set.Parse(args); err != nil {
		return err
	}
	if set.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", set.Arg(0))
	}
	if err := checkAddr(*addr, *token, "set --auth-token to serve beyond this machine"); err != nil {
		return err
	}
	now, err := nowOf()
	if err != nil {
		return err
	}
	var opts []render.Option
	if !now.IsZero() {
		opts = append(opts, render.WithNow(now))
	}
	name := "built-in example"
	if *dir != "" {
		name = *dir
	}
	ws, err := reload.Open(*dir, shop.FS(), opts...)
	if err != nil {
		return fmt.Errorf("workspace %s:\n%w", name, err)
	}
	defer ws.Close()
	po := preview.Options{Dir: *dir, FS: ws.FS(), AuthToken: *token, Log: env.stderr}
	base, err := workspace.DecodeSection[smtp.Config](ws.Current().Config.SMTP)
	if err != nil {
		return fmt.Errorf("workspace %s: %w", name, err)
	}
	if po.SMTP, err = sf.config(set, base); err != nil {
		return err
	}
	if *file != "" {
		if po.Recipients, err = readRecipientFile(*file); err != nil {
			return err
		}
	}
	srv, err := preview.New(ws, po)
	if err != nil {
		return err
	}
	return servePreview(env, srv, *addr, *token, name)
}

// readRecipientFile reads --recipients; any bad record is an error.
func readRecipientFile(path string) ([]recipients.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--recipients: %w", err)
	}
	defer f.Close()
	var out []recipients.Record
	for rec := range recipients.Read(path, f, recipients.FormatOf(path)) {
		if rec.Err != nil {
			return nil, fmt.Errorf("%s: %w", rec.Where(), rec.Err)
		}
		out = append(out, rec)
	}
	return out, nil
}

// servePreview listens, prints the URL and serves until SIGINT or
// SIGTERM. Its responses have no write timeout: event streams stay open
// until srv.Close ends them at shutdown.
func servePreview(env *cmdEnv, srv *preview.Server, addr, token, name string) error {
	hs, err := httpserve.Listen(httpserve.Config{
		Addr: addr, Remote: token != "", Handler: srv.Handler(),
		WriteTimeout: -1, Drain: 3 * time.Second, OnShutdown: srv.Close,
		Run: watching(srv.Run),
		Ready: func(a net.Addr) {
			u := "http://" + a.String() + "/"
			if token != "" {
				u += "?token=" + url.QueryEscape(token)
			}
			fmt.Fprintf(env.stdout, "tailor preview: %s (workspace %s; Ctrl-C stops)\n", u, name)
		},
	})
	if err != nil {
		return err
	}
	if err := hs.Serve(context.Background()); err != nil {
		return err
	}
	fmt.Fprintln(env.stderr, "tailor preview: stopped")
	return nil
}
