package httpserve

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

// start listens with c on a free loopback port and serves in the
// background until ctx ends; it returns the base URL and Serve's result.
func start(t *testing.T, ctx context.Context, c Config) (string, <-chan error) {
	t.Helper()
	c.Addr = "127.0.0.1:0"
	ready := make(chan net.Addr, 1)
	c.Ready = func(a net.Addr) { ready <- a }
	s, err := Listen(c)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	a := <-ready
	if a.String() != s.Addr().String() {
		t.Errorf("Ready got %s, the server is bound to %s", a, s.Addr())
	}
	return "http://" + a.String(), done
}

func get(url string) (int, string, error) {
	res, err := http.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

func TestLimits(t *testing.T) {
	for _, tt := range []struct {
		set, want time.Duration
	}{{0, DefaultWriteTimeout}, {-1, 0}, {45 * time.Second, 45 * time.Second}} {
		hs := newHTTPServer(Config{WriteTimeout: tt.set})
		if hs.WriteTimeout != tt.want {
			t.Errorf("WriteTimeout %s: the server has %s, want %s", tt.set, hs.WriteTimeout, tt.want)
		}
		if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.IdleTimeout <= 0 || hs.MaxHeaderBytes <= 0 {
			t.Errorf("unbounded: header %s, read %s, idle %s, header bytes %d", hs.ReadHeaderTimeout, hs.ReadTimeout, hs.IdleTimeout, hs.MaxHeaderBytes)
		}
	}
}

func TestHeaderBound(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, _ := start(t, ctx, Config{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})})
	for _, tt := range []struct {
		size int
		want int
	}{{MaxHeaderBytes / 2, http.StatusOK}, {2 * MaxHeaderBytes, http.StatusRequestHeaderFieldsTooLarge}} {
		req, err := http.NewRequest("GET", base+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Big", strings.Repeat("x", tt.size))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tt.want {
			t.Errorf("a header of %d bytes: status %d, want %d", tt.size, res.StatusCode, tt.want)
		}
	}
}

func TestListenRefusesBeyondLoopback(t *testing.T) {
	if _, err := Listen(Config{Addr: "0.0.0.0:0"}); !errors.Is(err, ErrNotLoopback) {
		t.Fatalf("Listen on 0.0.0.0 without Remote: %v, want ErrNotLoopback", err)
	}
}

// TestShutdownDrains cancels the context while a request is in flight:
// the request still gets its whole answer, OnShutdown runs, Run's context
// ends, and Serve returns nil once both are done.
func TestShutdownDrains(t *testing.T) {
	entered, shutdown, runEnded := make(chan struct{}), make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-shutdown
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done := start(t, ctx, Config{Handler: h, OnShutdown: func() { close(shutdown) },
		Run: func(ctx context.Context) error { <-ctx.Done(); close(runEnded); return ctx.Err() }})
	type answer struct {
		code int
		body string
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		code, body, err := get(base + "/")
		got <- answer{code, body, err}
	}()
	<-entered
	cancel()
	var a answer
	select {
	case a = <-got:
		if err := <-done; err != nil {
			t.Fatalf("Serve after ctx ended: %v, want nil", err)
		}
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve after ctx ended: %v, want nil", err)
		}
		a = <-got
	}
	if a.err != nil || a.code != http.StatusOK || a.body != "finished" {
		t.Fatalf("the request in flight at shutdown: %d %q %v, want 200 \"finished\"", a.code, a.body, a.err)
	}
	<-runEnded
	if _, _, err := get(base + "/"); err == nil {
		t.Fatal("a request after shutdown was answered")
	}
}

func TestDrainRunsOut(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done := start(t, ctx, Config{Handler: h, Drain: time.Millisecond})
	go get(base + "/")
	<-entered
	cancel()
	if err := <-done; !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Serve with a request that outlives the drain: %v, want DeadlineExceeded", err)
	}
}

func TestRunEndsServing(t *testing.T) {
	failed := errors.New("watcher failed")
	fail := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done := start(t, ctx, Config{Handler: http.NotFoundHandler(),
		Run: func(ctx context.Context) error { <-fail; return failed }})
	if code, _, err := get(base + "/"); err != nil || code != http.StatusNotFound {
		t.Fatalf("while Run runs: %d %v", code, err)
	}
	close(fail)
	if err := <-done; !errors.Is(err, failed) {
		t.Fatalf("Serve after Run failed: %v, want its error", err)
	}
}

func TestSignalStops(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		base, done := start(t, context.Background(), Config{Handler: http.NotFoundHandler()})
		// An answer means Serve runs, so it has taken the signals over.
		if _, _, err := get(base + "/"); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Kill(syscall.Getpid(), sig); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatalf("Serve after %s: %v, want nil", sig, err)
		}
	}
}
