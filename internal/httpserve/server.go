package httpserve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// The limits of every connection, the same for both servers.
const (
	// ReadHeaderTimeout bounds reading a request's headers.
	ReadHeaderTimeout = 5 * time.Second
	// ReadTimeout bounds reading a whole request, body included.
	ReadTimeout = 30 * time.Second
	// IdleTimeout bounds a kept-alive connection's wait for its next
	// request.
	IdleTimeout = 60 * time.Second
	// MaxHeaderBytes bounds a request's headers.
	MaxHeaderBytes = 32 << 10
	// DefaultWriteTimeout bounds writing a response, from the end of its
	// request's headers, unless Config.WriteTimeout says otherwise.
	DefaultWriteTimeout = 30 * time.Second
	// DefaultDrain is how long a shutdown waits for requests in flight
	// unless Config.Drain says otherwise.
	DefaultDrain = 5 * time.Second
)

// Config describes a server for Listen.
type Config struct {
	// Addr is the host:port to listen on; port 0 picks a free one.
	Addr string
	// Remote allows an Addr beyond loopback (see CheckAddr). Set it only
	// when every request must carry a credential.
	Remote bool
	// Handler answers the requests.
	Handler http.Handler
	// WriteTimeout bounds writing a response: zero means
	// DefaultWriteTimeout, negative no bound (for a server whose responses
	// stay open, such as server-sent events).
	WriteTimeout time.Duration
	// Drain bounds the wait for requests in flight at shutdown; zero means
	// DefaultDrain.
	Drain time.Duration
	// Ready, when not nil, is told the bound address (with the port
	// picked for port 0) once Serve handles signals and requests: the
	// place to print the server's URL, which scripts read before they
	// signal it.
	Ready func(net.Addr)
	// Run, when not nil, works alongside the server (a workspace
	// watcher) under a context that ends at shutdown. Its return ends
	// serving; Serve waits for it either way.
	Run func(context.Context) error
	// OnShutdown, when not nil, runs as shutdown begins: it must end the
	// responses that never finish on their own (event streams), which
	// the shutdown would otherwise wait for.
	OnShutdown func()
}

// Server is an HTTP server bound to its address, not yet serving.
type Server struct {
	hs  *http.Server
	ln  net.Listener
	cfg Config
}

// Listen checks c.Addr (see CheckAddr) and binds it.
func Listen(c Config) (*Server, error) {
	if err := CheckAddr(c.Addr, c.Remote); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	if c.Drain <= 0 {
		c.Drain = DefaultDrain
	}
	if c.Run == nil {
		c.Run = func(ctx context.Context) error { <-ctx.Done(); return nil }
	}
	return &Server{hs: newHTTPServer(c), ln: ln, cfg: c}, nil
}

// newHTTPServer is the http.Server for c, with the limits above.
func newHTTPServer(c Config) *http.Server {
	hs := &http.Server{
		Handler:           c.Handler,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      c.WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
	switch {
	case c.WriteTimeout == 0:
		hs.WriteTimeout = DefaultWriteTimeout
	case c.WriteTimeout < 0:
		hs.WriteTimeout = 0
	}
	if c.OnShutdown != nil {
		hs.RegisterOnShutdown(c.OnShutdown)
	}
	return hs
}

// Addr is the address the server is bound to (with the port picked for
// port 0).
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Serve answers requests until ctx ends, the process gets SIGINT or
// SIGTERM, serving fails, or Config.Run returns; then it stops taking
// connections and waits up to the drain time for requests in flight.
// A stop by ctx or a signal returns nil; a failure of serving, Run's
// error (as it is), or requests still running when the drain time is up,
// an error.
func (s *Server) Serve(ctx context.Context) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	runErr := make(chan error, 1)
	go func() { runErr <- s.cfg.Run(ctx) }()
	serveErr := make(chan error, 1)
	go func() { serveErr <- s.hs.Serve(s.ln) }()
	if s.cfg.Ready != nil {
		s.cfg.Ready(s.ln.Addr())
	}
	var err error
	ran := false
	select {
	case <-ctx.Done():
	case err = <-serveErr:
	case err = <-runErr:
		ran = true
	}
	cancel()
	if serr := s.shutdown(); err == nil {
		err = serr
	}
	if !ran {
		// run's context has ended; its Canceled is the stop, not a failure.
		if rerr := <-runErr; err == nil && !errors.Is(rerr, context.Canceled) {
			err = rerr
		}
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// shutdown stops the server, waiting up to the drain time for requests
// in flight.
func (s *Server) shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.Drain)
	defer cancel()
	if err := s.hs.Shutdown(ctx); err != nil {
		return fmt.Errorf("shutdown after %s: %w", s.cfg.Drain, err)
	}
	return nil
}
