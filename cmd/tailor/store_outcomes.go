package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tailor-email/tailor/esp"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/track"
	"github.com/tailor-email/tailor/workspace"
)

// runStoreOutcomes records an ESP's export of events as outcomes of the
// sends they name, as POST /v1/esp/PROVIDER does (esp.Record).
func runStoreOutcomes(env *cmdEnv, args []string) error {
	set := newFlags(env, "store outcomes")
	open, dir := storeFlag(set)
	format := set.String("format", "", "the provider whose export `FILE` is: "+strings.Join(esp.Providers(), ", "))
	rest, err := parseArgs(set, args, 1, 1)
	if err != nil {
		return err
	}
	var body []byte
	if rest[0] == "-" {
		body, err = io.ReadAll(env.stdin)
	} else {
		body, err = os.ReadFile(rest[0])
	}
	if err != nil {
		return err
	}
	b, err := esp.ParseExport(*format, body)
	if err != nil {
		return fmt.Errorf("%s: %w", rest[0], err)
	}
	list, err := workspaceList(*dir)
	if err != nil {
		return err
	}
	return withStore(open, func(ctx context.Context, s store.Store) error {
		c, err := esp.Record(ctx, s, b, list, func(e esp.Event, sd store.Send) bool {
			m, _ := track.Machine(track.Hit{Kind: e.Kind, UserAgent: e.UserAgent, At: e.At, Sent: sd.At})
			return e.UserAgent != "" && m
		})
		fmt.Fprintf(env.stderr, "recorded %d, unmatched %d, ignored %d, suppressed %d\n", c.Recorded, c.Unmatched, c.Ignored, c.Suppressed)
		return err
	})
}

// workspaceList is the mailing list of the workspace in dir (its
// tailor.yaml's name, else "default"), as unsubscribes suppress on it.
func workspaceList(dir string) (string, error) {
	fsys := shop.FS() // the built-in example
	if dir != "" {
		fsys = os.DirFS(dir)
	}
	cfg, err := workspace.ReadConfig(fsys)
	if err != nil {
		return "", err
	}
	if cfg.Name == "" {
		return "default", nil
	}
	return cfg.Name, nil
}
