package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tailor-email/tailor/store"
)

// runStore dispatches the store subcommands.
func runStore(env *cmdEnv, args []string) error {
	subs := map[string]func(*cmdEnv, []string) error{
		"migrate": runStoreMigrate, "import": runStoreImport, "export": runStoreExport,
		"suppress": runStoreSuppress, "unsuppress": runStoreUnsuppress, "forget": runStoreForget,
		"jobs":     runStoreJobs,     // store_jobs.go
		"events":   runStoreEvents,   // store_events.go
		"outcomes": runStoreOutcomes, // store_outcomes.go
	}
	if len(args) > 0 {
		if run, ok := subs[args[0]]; ok {
			return run(env, args[1:])
		}
	}
	printSubcommands(env.stderr, storeSubcommands()...)
	return exitError{code: 2}
}

// storeFlag adds --store and --workspace to set; the function it returns
// opens the store: --store, else TAILOR_STORE, else .tailor/store.db in
// the workspace folder (the current folder for the built-in example).
func storeFlag(set *flag.FlagSet) (open func(ctx context.Context) (store.Store, error), workspaceDir *string) {
	loc := set.String("store", os.Getenv("TAILOR_STORE"), "the store: a SQLite `FILE` or postgres://... (default $TAILOR_STORE, else .tailor/store.db in the workspace)")
	dir := set.String("workspace", "", "workspace `DIR` (default: the built-in example)")
	return func(ctx context.Context) (store.Store, error) {
		if *loc != "" {
			return store.Open(ctx, *loc)
		}
		path, err := workspaceStore(*dir, true)
		if err != nil {
			return nil, err
		}
		return store.Open(ctx, path)
	}, dir
}

func runStoreMigrate(env *cmdEnv, args []string) error {
	set := newFlags(env, "store migrate")
	open, _ := storeFlag(set)
	if _, err := parseArgs(set, args, 0, 0); err != nil {
		return err
	}
	return withStore(open, func(ctx context.Context, s store.Store) error {
		v, err := s.Version(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "store at schema version %d\n", v)
		return nil
	})
}

// runStoreExport writes every stored profile, one JSON object a line, in
// ID order, streamed from the store's cursor. A file given with --out
// appears whole or not at all: it is written beside its place and renamed
// into it at the end.
func runStoreExport(env *cmdEnv, args []string) error {
	set := newFlags(env, "store export")
	open, _ := storeFlag(set)
	out := set.String("out", "-", "write to `FILE` (- for stdout)")
	if _, err := parseArgs(set, args, 0, 0); err != nil {
		return err
	}
	return withStore(open, func(ctx context.Context, s store.Store) error {
		if *out == "-" {
			return exportProfiles(ctx, env, s, env.stdout)
		}
		f, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
		if err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		defer os.Remove(f.Name()) // gone once renamed; the partial file otherwise
		err = exportProfiles(ctx, env, s, f)
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("--out: %w", cerr)
		}
		if err != nil {
			return err
		}
		if err := os.Rename(f.Name(), *out); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		return nil
	})
}

// exportProfiles writes every stored profile to w, one a line.
func exportProfiles(ctx context.Context, env *cmdEnv, s store.Store, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	n := 0
	for p, err := range s.Profiles(ctx, store.Filter{}) {
		if err != nil {
			return err
		}
		bw.Write(p.Data)
		bw.WriteByte('\n')
		n++
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(env.stderr, "exported %d profiles\n", n)
	return nil
}

func runStoreSuppress(env *cmdEnv, args []string) error {
	set := newFlags(env, "store suppress")
	open, _ := storeFlag(set)
	list := set.String("list", store.AllLists, "the `LIST` (default * for every list)")
	reason := set.String("reason", "manual", "why: unsubscribe, bounce, complaint, manual")
	file := set.String("file", "", "also suppress each ID or address of `FILE`, one a line (a bounce or complaint export; - for stdin)")
	who, err := parseArgs(set, args, 0, 1<<20)
	if err != nil {
		return err
	}
	return withStore(open, func(ctx context.Context, s store.Store) error {
		return suppressAll(ctx, env, s, who, *file, store.Suppression{List: *list, Reason: *reason})
	})
}

// suppressAll suppresses each of who and each line of file (when not
// empty) as like says, skipping blank lines and # comments.
func suppressAll(ctx context.Context, env *cmdEnv, s store.Store, who []string, file string, like store.Suppression) error {
	n := 0
	add := func(w string) error {
		if w = strings.TrimSpace(w); w == "" || strings.HasPrefix(w, "#") {
			return nil
		}
		n++
		one := like
		one.Who, one.At = w, time.Now()
		return s.Suppress(ctx, one)
	}
	for _, w := range who {
		if err := add(w); err != nil {
			return err
		}
	}
	if file != "" {
		if err := eachLine(env, file, add); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.stderr, "suppressed %d on list %s\n", n, like.List)
	return nil
}

// eachLine calls fn with each line of the file name (- for stdin).
func eachLine(env *cmdEnv, name string, fn func(string) error) error {
	var r io.Reader = env.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("--file: %w", err)
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if err := fn(sc.Text()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("--file %s: %w", name, err)
	}
	return nil
}

func runStoreUnsuppress(env *cmdEnv, args []string) error {
	set := newFlags(env, "store unsuppress")
	open, _ := storeFlag(set)
	list := set.String("list", store.AllLists, "the `LIST` (default * for every list)")
	who, err := parseArgs(set, args, 1, 1<<20)
	if err != nil {
		return err
	}
	return withStore(open, func(ctx context.Context, s store.Store) error {
		n, err := countDone(who, func(w string) (bool, error) { return s.Unsuppress(ctx, w, *list) })
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stderr, "unsuppressed %d of %d on list %s\n", n, len(who), *list)
		return nil
	})
}

// runStoreForget removes each recipient's profile, events and segment
// history; a suppression stays, as the hash it always was.
func runStoreForget(env *cmdEnv, args []string) error {
	set := newFlags(env, "store forget")
	open, _ := storeFlag(set)
	ids, err := parseArgs(set, args, 1, 1<<20)
	if err != nil {
		return err
	}
	return withStore(open, func(ctx context.Context, s store.Store) error {
		n, err := countDone(ids, func(id string) (bool, error) { return s.Forget(ctx, id) })
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stderr, "forgot %d of %d recipients\n", n, len(ids))
		return nil
	})
}

// withStore opens the store, runs fn with it and closes it.
func withStore(open func(context.Context) (store.Store, error), fn func(context.Context, store.Store) error) error {
	ctx := context.Background()
	s, err := open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(ctx, s)
}

// countDone calls act with each of names in turn, stopping at the first
// error, and returns how many it reported done.
func countDone(names []string, act func(string) (bool, error)) (int, error) {
	n := 0
	for _, name := range names {
		done, err := act(name)
		if err != nil {
			return n, err
		}
		if done {
			n++
		}
	}
	return n, nil
}
