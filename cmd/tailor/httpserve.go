package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// serveHTTP serves hs on ln while watch keeps the workspace current, until
// ctx ends or either fails; then it drains requests for up to drain.
func serveHTTP(ctx context.Context, hs *http.Server, ln net.Listener, watch func(context.Context) error, drain time.Duration) error {
	watchErr := make(chan error, 1)
	go func() { watchErr <- watch(ctx) }()
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	var err error
	select {
	case <-ctx.Done():
	case err = <-serveErr:
	case err = <-watchErr:
		if err != nil {
			err = fmt.Errorf("watch: %w", err)
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if serr := hs.Shutdown(sctx); err == nil {
		err = serr
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
