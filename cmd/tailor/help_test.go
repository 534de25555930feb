package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpMatchesReadme runs --help of every command and subcommand and
// checks its one style: "usage: tailor NAME" and the synopsis the README's
// Commands section gives the command (what follows "#" there aside), a
// blank line, what the command does, and "Flags:" with its flags when it
// has some; exit status 0.
func TestHelpMatchesReadme(t *testing.T) {
	readme := readmeSynopses(t)
	for _, c := range commands() {
		names := []string{c.name}
		switch c.name {
		case "amp":
			names = []string{"amp validate"}
		case "schema":
			names = []string{"schema infer", "schema check"}
		case "experiments":
			names = []string{"experiments conclude"}
		case "features":
			names = []string{"features export"}
		case "store":
			names = storeSubcommands()
		case "segments":
			names = []string{"segments", "segments refresh"}
		}
		for _, name := range names {
			h, ok := helpOf(name)
			if !ok {
				t.Errorf("%s: no help", name)
				continue
			}
			want := oneLine(h.synopsis)
			if got, ok := readme[name]; !ok || got != want {
				t.Errorf("%s: the README's synopsis %q, want the help's %q", name, got, want)
			}
			var stdout, stderr bytes.Buffer
			code := run(append(strings.Fields(name), "--help"), &cmdEnv{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr})
			out := stderr.String()
			usage, rest, _ := strings.Cut(out, "\n\n")
			if code != 0 || oneLine(usage) != "usage: tailor "+name+" "+want {
				t.Errorf("%s --help: exit %d, usage %q, want \"usage: tailor %s %s\"", name, code, usage, name, want)
			}
			if !strings.HasPrefix(rest, h.about+"\n") {
				t.Errorf("%s --help: after the usage %q, want what it does", name, rest)
			}
			if hasFlags := strings.Contains(out, "\nFlags:\n  -"); hasFlags != (name != "init" && name != "amp validate") {
				t.Errorf("%s --help: flags listed %v:\n%s", name, hasFlags, out)
			}
		}
	}
}

// readmeSynopses reads the README's Commands block: each command's
// synopsis by its name, its lines joined, comments ("# ...") left out.
func readmeSynopses(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, _ := strings.Cut(string(b), "\n## Commands\n\n```\n")
	block, _, _ = strings.Cut(block, "```\n")
	out := map[string]string{}
	name := ""
	for line := range strings.Lines(block) {
		line, _, _ = strings.Cut(line, "#")
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
		case fields[0] == "tailor" && len(fields) > 1:
			name = fields[1]
			if _, sub := helpOf(name + " " + fields[min(2, len(fields)-1)]); sub {
				name += " " + fields[2]
			}
			out[name] = strings.Join(fields[len(strings.Fields(name))+1:], " ")
		case name != "":
			out[name] += " " + strings.Join(fields, " ")
		}
	}
	return out
}

// oneLine joins the lines of s and collapses its runs of spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
