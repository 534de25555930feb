package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/tailor-email/tailor/internal/httpserve"
)

// checkAddr checks --addr before anything is loaded: beyond loopback it
// needs --auth-token, and hint says how to give one.
func checkAddr(addr, token, hint string) error {
	err := httpserve.CheckAddr(addr, token != "")
	switch {
	case errors.Is(err, httpserve.ErrNotLoopback):
		return fmt.Errorf("--addr: %w: %s", err, hint)
	case err != nil:
		return fmt.Errorf("--addr: %w", err)
	}
	return nil
}

// watching is a server's Run, its error named as the workspace watch's.
func watching(run func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		if err := run(ctx); err != nil {
			return fmt.Errorf("watch: %w", err)
		}
		return nil
	}
}
