package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeDocExamples runs the first two curl lines of docs/serve.md,
// a render and a purchase event, as they are written (only localhost:8080
// becomes the port the server picked) against "tailor serve" on the
// built-in example: each answers a message, and the event the profile
// after the merge. (The signed example after them reads shell variables
// that TestDocumentedShellSignature covers.)
func TestServeDocExamples(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI has no curl: .ci/run installs it")
		}
		t.Skip("no curl on PATH")
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "serve.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmds := curlLines(string(doc))
	if len(cmds) < 2 {
		t.Fatalf("docs/serve.md has %d curl examples, want the render and the event ones", len(cmds))
	}
	base, stop := startServe(t, "--addr", "127.0.0.1:0")
	defer stop()
	host := strings.TrimPrefix(base, "http://")
	for i, c := range cmds[:2] {
		out, err := exec.Command("sh", "-c", strings.ReplaceAll(c, "localhost:8080", host)).Output()
		if err != nil {
			t.Fatalf("example %d: %s: %v", i+1, c, err)
		}
		var answer map[string]any
		if err := json.Unmarshal(out, &answer); err != nil {
			t.Fatalf("example %d: %s: answer %q is not JSON: %v", i+1, c, out, err)
		}
		if answer["error"] != nil || answer["subject"] == nil && answer["message"] == nil {
			t.Errorf("example %d: %s: answer %s, want a message", i+1, c, out)
		}
		if strings.Contains(c, "/v1/events/") && answer["profile"] == nil {
			t.Errorf("example %d: %s: answer %s, want the merged profile", i+1, c, out)
		}
	}
}

// curlLines returns the commands of the sh blocks of a Markdown text that
// start with curl, each with its continuation lines joined.
func curlLines(md string) []string {
	var cmds []string
	inSh, cur := false, ""
	for line := range strings.Lines(md) {
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "```"):
			inSh = line == "```sh"
		case inSh && cur != "":
			cur += "\n" + line
		case inSh && strings.HasPrefix(line, "curl "):
			cur = line
		}
		if cur != "" && !strings.HasSuffix(cur, "\\") {
			cmds = append(cmds, cur)
			cur = ""
		}
	}
	return cmds
}
