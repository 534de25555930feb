package main

import (
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"

	"github.com/tailor-email/tailor/internal/peers"
)

func main() {
	rules := flag.String("rules", defaultRulesDir(), "folder holding validator-main.protoascii and extensions/")
	out := flag.String("out", "tables_gen.go", "Go file to write")
	flag.Parse()
	if err := run(*rules, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// defaultRulesDir finds the rules from $TAILOR_PEERS or beside the
// repository root.
func defaultRulesDir() string {
	return filepath.Join(peers.Root(), "amp4email-validator", "rules")
}

func run(rulesDir, out string) error {
	files := []string{filepath.Join(rulesDir, "validator-main.protoascii")}
	ext, err := filepath.Glob(filepath.Join(rulesDir, "extensions", "*.protoascii"))
	if err != nil {
		return fmt.Errorf("list extensions: %w", err)
	}
	sort.Strings(ext)
	files = append(files, ext...)
	var roots []*node
	var names []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("read rules: %w", err)
		}
		n, err := parseText(filepath.Base(f), string(src))
		if err != nil {
			return fmt.Errorf("parse rules: %w", err)
		}
		roots = append(roots, n)
		names = append(names, filepath.ToSlash(filepath.Join(filepath.Base(rulesDir), relName(rulesDir, f))))
	}
	code, err := emit(roots, names)
	if err != nil {
		return err
	}
	src, err := format.Source(code)
	if err != nil {
		return fmt.Errorf("format generated code: %w", err)
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return fmt.Errorf("write tables: %w", err)
	}
	return nil
}

func relName(dir, f string) string {
	r, err := filepath.Rel(dir, f)
	if err != nil {
		return filepath.Base(f)
	}
	return r
}
