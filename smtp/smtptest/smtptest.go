package smtptest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"
)

// Message is one message as the server got it.
type Message struct {
	From, User string // MAIL FROM, and the user who authenticated ("" for none)
	To         []string
	Data       []byte
	TLS        bool // it travelled over TLS
}

// Backend is an in-memory server backend. With User set, it offers AUTH
// PLAIN and refuses MAIL before authentication. A recipient whose address
// starts with "reject@" is refused with 550.
type Backend struct {
	User, Pass string
	mu         sync.Mutex
	got        []Message
}

// NewSession is called by go-smtp for each connection.
func (b *Backend) NewSession(c *gosmtp.Conn) (gosmtp.Session, error) {
	_, isTLS := c.TLSConnectionState()
	return &session{be: b, tls: isTLS}, nil
}

// Messages returns what the server received so far.
func (b *Backend) Messages() []Message {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Message(nil), b.got...)
}

type session struct {
	be   *Backend
	tls  bool
	cur  Message
	user string
}

func (s *session) AuthMechanisms() []string {
	if s.be.User == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.be.User || pass != s.be.Pass {
			return gosmtp.ErrAuthFailed
		}
		s.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *gosmtp.MailOptions) error {
	if s.be.User != "" && s.user == "" {
		return gosmtp.ErrAuthRequired
	}
	s.cur = Message{From: from, User: s.user}
	return nil
}

func (s *session) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	if strings.HasPrefix(to, "reject@") {
		return &gosmtp.SMTPError{Code: 550, EnhancedCode: gosmtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	s.cur.To = append(s.cur.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Data, s.cur.TLS = b, s.tls
	s.be.mu.Lock()
	s.be.got = append(s.be.got, s.cur)
	s.be.mu.Unlock()
	return nil
}

func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

// Options say how the server listens.
type Options struct {
	TLS      *tls.Config // offered with STARTTLS, or used for implicit TLS
	Implicit bool        // implicit TLS (SMTPS)
	Insecure bool        // allow AUTH without TLS
}

// Start runs a go-smtp server on 127.0.0.1:0 until the test ends and
// returns its port.
func Start(t testing.TB, be *Backend, o Options) int {
	t.Helper()
	s := gosmtp.NewServer(be)
	s.Domain = "localhost"
	s.AllowInsecureAuth = o.Insecure
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	s.MaxMessageBytes = 1 << 20
	s.ErrorLog = discardLog{}
	var l net.Listener
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if o.Implicit {
		l = tls.NewListener(l, o.TLS)
	} else {
		s.TLSConfig = o.TLS
	}
	done := make(chan struct{})
	go func() { defer close(done); s.Serve(l) }()
	// Close the listener too: if Serve has not started yet, s.Close does
	// not know it, and Serve would then block in Accept for ever.
	t.Cleanup(func() { s.Close(); l.Close(); <-done })
	return l.Addr().(*net.TCPAddr).Port
}

type discardLog struct{}

func (discardLog) Printf(string, ...any) {}
func (discardLog) Println(...any)        {}

// SelfSigned makes a CA-signed certificate for 127.0.0.1 and localhost. It
// returns the server's TLS config and the path of the CA's PEM file.
func SelfSigned(t testing.TB) (*tls.Config, string) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "tailor test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert := tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: key}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, caFile
}

// Silent accepts connections and never says a word, to test timeouts.
func Silent(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := l.Accept()
			if errors.Is(err, net.ErrClosed) {
				return
			}
			if err == nil {
				mu.Lock()
				conns = append(conns, c)
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().(*net.TCPAddr).Port
}
