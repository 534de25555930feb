package smtp

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tailor-email/tailor/internal/loopback"
)

// DefaultTimeout bounds a whole Send when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config is how to reach an SMTP server. The yaml tags are the keys of the
// smtp section of tailor.yaml.
type Config struct {
	// Host is the server's name or IP address.
	Host string `yaml:"host" json:"host"`
	// Port defaults to 465 with TLS, 587 with StartTLS and 25 otherwise.
	Port int `yaml:"port" json:"port"`
	// Username and Password, when Username is set, authenticate with PLAIN
	// (or LOGIN when the server offers only that).
	Username string `yaml:"username" json:"username"`
	Password string `yaml:"password" json:"-"`
	// StartTLS upgrades the connection with STARTTLS and fails if the server
	// does not offer it.
	StartTLS bool `yaml:"starttls" json:"starttls"`
	// TLS connects with implicit TLS (SMTPS, usually port 465).
	TLS bool `yaml:"tls" json:"tls"`
	// From is the envelope sender (MAIL FROM) and the From header of a
	// message that has none. When empty, the message's From address is used.
	From string `yaml:"from" json:"from"`
	// CAFile is a PEM file of extra certificate authorities to trust, for
	// a server with a private or self-signed certificate.
	CAFile string `yaml:"ca_file" json:"ca_file"`
	// InsecureSkipVerify accepts any server certificate. Only for testing.
	InsecureSkipVerify bool `yaml:"insecure_skip_verify" json:"insecure_skip_verify"`
	// Timeout bounds the whole conversation; zero means DefaultTimeout.
	Timeout time.Duration `yaml:"timeout" json:"timeout"`
}

// ErrCleartextAuth is returned for credentials that would cross the network
// unencrypted (no TLS or StartTLS, and a host that is not loopback).
var ErrCleartextAuth = errors.New("smtp: refusing to send a password without TLS or STARTTLS to a non-loopback host")

// Validate reports the first problem with c, without connecting.
func (c Config) Validate() error {
	if c.Host == "" {
		return errors.New("smtp: host is empty")
	}
	if strings.ContainsAny(c.Host, " \t\r\n/") {
		return fmt.Errorf("smtp: host %q: not a host name", c.Host)
	}
	if c.Port < 0 || c.Port > 65535 {
		return fmt.Errorf("smtp: port %d out of range", c.Port)
	}
	if c.TLS && c.StartTLS {
		return errors.New("smtp: tls and starttls are exclusive: tls is for port 465, starttls for 587")
	}
	if c.Username != "" && !c.TLS && !c.StartTLS && !loopback.Host(c.Host) {
		return ErrCleartextAuth
	}
	if c.From != "" {
		if _, err := mail.ParseAddress(c.From); err != nil {
			return fmt.Errorf("smtp: from %q: %w", c.From, err)
		}
	}
	if c.Timeout < 0 {
		return fmt.Errorf("smtp: negative timeout %v", c.Timeout)
	}
	return nil
}

// Addr returns host:port, with the default port filled in.
func (c Config) Addr() string {
	port := c.Port
	switch {
	case port != 0:
	case c.TLS:
		port = 465
	case c.StartTLS:
		port = 587
	default:
		port = 25
	}
	return net.JoinHostPort(c.Host, strconv.Itoa(port))
}

func (c Config) timeout() time.Duration {
	if c.Timeout == 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

// tlsConfig builds the client TLS configuration: system roots plus CAFile.
func (c Config) tlsConfig() (*tls.Config, error) {
	conf := &tls.Config{ServerName: c.Host, MinVersion: tls.VersionTLS12, InsecureSkipVerify: c.InsecureSkipVerify}
	if c.CAFile == "" {
		return conf, nil
	}
	pem, err := os.ReadFile(c.CAFile)
	if err != nil {
		return nil, fmt.Errorf("smtp: ca_file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("smtp: ca_file %s: no PEM certificate found", c.CAFile)
	}
	conf.RootCAs = pool
	return conf, nil
}
