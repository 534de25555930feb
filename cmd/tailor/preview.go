package main

import (
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"time"

	"github.com/tailor-email/tailor/internal/httpserve"
	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/recipients"
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
	sf := addServerFlags(set, "127.0.0.1:8025", "listen `ADDRESS`; anything but loopback needs --auth-token",
		"", "`TOKEN` every request must carry (Authorization: Bearer, or open the URL once with ?token=)")
	file := set.String("recipients", "", "recipients `FILE` (JSON, JSONL or CSV) instead of the workspace's fixtures")
	storeLoc := set.String("store", "", "list the recipients of the audience store at `LOC` after the fixtures, a SQLite file or postgres://... (default $TAILOR_STORE, else .tailor/store.db in the workspace when it exists; none for the built-in example)")
	now, err := sf.parse(set, args, "set --auth-token to serve beyond this machine")
	if err != nil {
		return err
	}
	ws, name, err := sf.open(render.WithNow(now))
	if err != nil {
		return err
	}
	defer ws.Close()
	po := preview.Options{Dir: *sf.dir, FS: ws.FS(), AuthToken: *sf.token, Log: env.stderr}
	base, err := workspace.DecodeSection[smtp.Config](ws.Current().Config.SMTP)
	if err != nil {
		return fmt.Errorf("workspace %s: %w", name, err)
	}
	if po.SMTP, err = sf.smtp.config(set, base); err != nil {
		return err
	}
	if *file != "" {
		if po.Recipients, err = readRecipientFile(*file, readOptions(ws.Current())); err != nil {
			return err
		}
	}
	if po.Store, err = previewStore(env.stderr, *storeLoc, *sf.dir); err != nil {
		return err
	}
	if po.Store != nil {
		defer po.Store.Close()
	}
	srv, err := preview.New(ws, po)
	if err != nil {
		return err
	}
	// No write timeout: event streams stay open until srv.Close ends them
	// at shutdown.
	cfg := httpserve.Config{Handler: srv.Handler(), WriteTimeout: -1, Drain: 3 * time.Second, OnShutdown: srv.Close}
	return sf.listen(env, "preview", name, srv.Run, cfg, func(a net.Addr) string {
		u := "http://" + a.String() + "/"
		if *sf.token != "" {
			u += "?token=" + url.QueryEscape(*sf.token)
		}
		return u
	})
}

// readRecipientFile reads --recipients with opts; any bad record is an
// error (a record's data errors are kept with it).
func readRecipientFile(path string, opts recipients.Options) ([]recipients.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--recipients: %w", err)
	}
	defer f.Close()
	var out []recipients.Record
	for rec := range recipients.ReadWith(path, f, recipients.FormatOf(path), opts) {
		if rec.Err != nil {
			return nil, fmt.Errorf("%s: %w", rec.Where(), rec.Err)
		}
		out = append(out, rec)
	}
	return out, nil
}
