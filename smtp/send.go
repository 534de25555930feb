package smtp

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"

	"github.com/tailor-email/tailor/mime"
)

// Send delivers msg through the server: MAIL FROM is cfg.From or else the
// message's From address, RCPT TO is the message's To address. The whole
// conversation ends by cfg.Timeout or when ctx is done, whichever is first.
func Send(ctx context.Context, cfg Config, msg *mime.Message) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	if msg == nil {
		return errors.New("smtp: nil Message")
	}
	m := *msg
	if m.From == "" {
		m.From = cfg.From
	}
	raw, err := mime.Append(nil, &m)
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	from, to, err := envelope(cfg, &m)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout())
	defer cancel()
	if err := send(ctx, cfg, from, to, raw); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("smtp: %s: %w (%w)", cfg.Addr(), ctx.Err(), err)
		}
		return err
	}
	return nil
}

// envelope returns the MAIL FROM and RCPT TO addresses.
func envelope(cfg Config, m *mime.Message) (from, to string, err error) {
	sender := m.From
	if cfg.From != "" {
		sender = cfg.From
	}
	f, err := mail.ParseAddress(sender)
	if err != nil {
		return "", "", fmt.Errorf("smtp: envelope sender %q: %w", sender, err)
	}
	t, err := mail.ParseAddress(m.To)
	if err != nil {
		return "", "", fmt.Errorf("smtp: recipient %q: %w", m.To, err)
	}
	return f.Address, t.Address, nil
}

// send runs the SMTP conversation.
func send(ctx context.Context, cfg Config, from, to string, raw []byte) error {
	c, stop, err := dial(ctx, cfg)
	if err != nil {
		return err
	}
	defer stop()
	defer c.Close()
	if cfg.Username != "" {
		if err := auth(c, cfg); err != nil {
			return fmt.Errorf("smtp: %s: auth as %s: %w", cfg.Addr(), cfg.Username, err)
		}
	}
	if err := c.SendMail(from, []string{to}, bytes.NewReader(raw)); err != nil {
		return fmt.Errorf("smtp: %s: send from %s to %s: %w", cfg.Addr(), from, to, err)
	}
	if err := c.Quit(); err != nil {
		return fmt.Errorf("smtp: %s: quit: %w", cfg.Addr(), err)
	}
	return nil
}

// dial connects and secures the connection as cfg asks. The connection is
// closed when ctx is done, which unblocks whatever step is waiting; stop
// releases that hook.
func dial(ctx context.Context, cfg Config) (c *gosmtp.Client, stop func() bool, err error) {
	tlsConf, err := cfg.tlsConfig()
	if err != nil {
		return nil, nil, err
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", cfg.Addr())
	if err != nil {
		return nil, nil, fmt.Errorf("smtp: dial %s: %w", cfg.Addr(), err)
	}
	stop = context.AfterFunc(ctx, func() { conn.Close() })
	fail := func(step string, err error) (*gosmtp.Client, func() bool, error) {
		stop()
		conn.Close()
		return nil, nil, fmt.Errorf("smtp: %s: %s: %w", cfg.Addr(), step, err)
	}
	switch {
	case cfg.TLS:
		tc := tls.Client(conn, tlsConf)
		if err := tc.HandshakeContext(ctx); err != nil {
			return fail("TLS handshake", err)
		}
		c = gosmtp.NewClient(tc)
	case cfg.StartTLS:
		// NewClientStartTLS says EHLO, fails unless STARTTLS is offered,
		// and upgrades.
		if c, err = gosmtp.NewClientStartTLS(conn, tlsConf); err != nil {
			return fail("STARTTLS", err)
		}
	default:
		c = gosmtp.NewClient(conn)
	}
	// The context (cfg.Timeout at most) bounds the conversation; the client's
	// own timeouts are a backstop set later, so that expiry is reported as
	// the context's error.
	c.CommandTimeout, c.SubmissionTimeout = cfg.timeout()+time.Second, cfg.timeout()+time.Second
	// EHLO now (after STARTTLS: over TLS, which runs the handshake), so a
	// bad greeting or certificate is reported as such, not as an AUTH error.
	if err := c.Hello("localhost"); err != nil {
		return fail("EHLO", err)
	}
	return c, stop, nil
}

// auth authenticates with PLAIN, or LOGIN when the server offers only that.
func auth(c *gosmtp.Client, cfg Config) error {
	switch {
	case c.SupportsAuth("PLAIN"):
		return c.Auth(sasl.NewPlainClient("", cfg.Username, cfg.Password))
	case c.SupportsAuth("LOGIN"):
		return c.Auth(sasl.NewLoginClient(cfg.Username, cfg.Password))
	}
	if ok, _ := c.Extension("AUTH"); !ok {
		return errors.New("server does not offer AUTH")
	}
	return errors.New("server offers neither PLAIN nor LOGIN")
}
