package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tailor-email/tailor/inline"
)

// runInline inlines the CSS of one HTML document (FILE, or stdin for "-"
// or no argument) and writes the document to stdout. --css adds a
// stylesheet after the document's own. Errors name the file and, for
// malformed CSS, line:col.
func runInline(env *cmdEnv, args []string) error {
	fs := newFlags(env, "inline")
	cssFile := fs.String("css", "", "add the CSS of `FILE` after the document's own <style> elements")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: tailor inline [--css FILE] [FILE|-]\n\nInlines the CSS of an HTML document (- or no FILE reads stdin) and writes it\nto stdout. Media queries, pseudo-classes, client hacks and at-rules stay in\none <style> in the head.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return exitError{code: 2}
	}
	name := "-"
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	doc, err := readInlineInput(env, name)
	if err != nil {
		return err
	}
	opts := []inline.Option{inline.WithName(inlineSourceName(name))}
	if *cssFile != "" {
		css, err := readInlineInput(env, *cssFile)
		if err != nil {
			return err
		}
		opts = append(opts, inline.WithCSS(inlineSourceName(*cssFile), string(css)))
	}
	out, err := inline.Document(string(doc), opts...)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(env.stdout, out+"\n"); err != nil {
		return fmt.Errorf("write stdout: %w", err)
	}
	return nil
}

// readInlineInput reads a file, or stdin for "-".
func readInlineInput(env *cmdEnv, name string) ([]byte, error) {
	if name == "-" {
		b, err := io.ReadAll(env.stdin)
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
		return b, nil
	}
	b, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such file: %w", name, os.ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return b, nil
}

// inlineSourceName is how errors name an input.
func inlineSourceName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}
