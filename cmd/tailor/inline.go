package main

import (
	"fmt"
	"io"

	"github.com/tailor-email/tailor/inline"
)

// runInline inlines the CSS of one HTML document (FILE, or stdin for "-"
// or no argument) and writes the document to stdout. --css adds a
// stylesheet after the document's own. Errors name the file and, for
// malformed CSS, line:col.
func runInline(env *cmdEnv, args []string) error {
	fs := newFlags(env, "inline")
	cssFile := fs.String("css", "", "add the CSS of `FILE` after the document's own <style> elements")
	files, err := parseArgs(fs, args, 0, 1)
	if err != nil {
		return err
	}
	doc, name, err := readInput(env, append(files, "-")[0])
	if err != nil {
		return err
	}
	opts := []inline.Option{inline.WithName(name)}
	if *cssFile != "" {
		css, cssName, err := readInput(env, *cssFile)
		if err != nil {
			return err
		}
		opts = append(opts, inline.WithCSS(cssName, string(css)))
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
