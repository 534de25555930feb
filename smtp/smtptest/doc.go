// Package smtptest runs a real SMTP server (github.com/emersion/go-smtp) on
// loopback for tests: optional AUTH PLAIN, STARTTLS or implicit TLS with a
// certificate from a test CA, and an in-memory list of what it received.
package smtptest
