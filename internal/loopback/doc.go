// Package loopback tells whether a host names this machine. The servers'
// address and Host checks and SMTP's refusal to send a password in the
// clear beyond this machine share it, so the three agree on what local is.
package loopback
