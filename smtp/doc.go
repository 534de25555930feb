// Package smtp delivers one message written by package mime through an SMTP
// server: the preview server's "send test" and the serve outbox use it.
//
// Its one job is the SMTP conversation: connect (plain, STARTTLS or implicit
// TLS), authenticate (PLAIN, else LOGIN), send, quit. Every step is bounded
// by the caller's context and by Config.Timeout. Credentials never travel
// unencrypted except to a loopback address. Certificates are verified against
// the system roots plus Config.CAFile; InsecureSkipVerify turns verification
// off only when set explicitly.
//
// It uses github.com/emersion/go-smtp's client, which, unlike net/smtp, is
// maintained, supports SMTPUTF8 and 8BITMIME, and has per-command timeouts.
package smtp
