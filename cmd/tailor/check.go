package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	iofs "io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/tailor-email/tailor/check"
	"github.com/tailor-email/tailor/check/caniemail"
	"github.com/tailor-email/tailor/render"
)

// checkFlags are the options of tailor check.
type checkFlags struct {
	clients  string
	format   string
	strict   bool
	licenses bool
	browser  bool
}

func runCheck(env *cmdEnv, args []string) error {
	fs := newFlags(env, "check")
	var cf checkFlags
	fs.StringVar(&cf.clients, "clients", "", "comma-separated caniemail client IDs (default: tailor.yaml's clients, else "+strings.Join(caniemail.DefaultClients, ",")+")")
	fs.StringVar(&cf.format, "format", "text", "output format: text or json")
	fs.BoolVar(&cf.strict, "strict", false, "exit 1 on warnings too, not only on errors")
	fs.BoolVar(&cf.licenses, "licenses", false, "print the licence of the embedded caniemail data")
	fs.BoolVar(&cf.browser, "browser", false, "also lay each email out in headless Chromium at 320, 375, 414 and 600 px, light and dark (needs chromium)")
	workspace := workspaceFlag(fs)
	now := nowFlag(fs)
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if cf.licenses {
		fmt.Fprint(env.stdout, caniemail.License())
		return nil
	}
	if cf.format != "text" && cf.format != "json" {
		return fmt.Errorf("--format %q: want text or json", cf.format)
	}
	opts := check.Options{Clients: splitList(cf.clients)}
	if len(files) == 0 {
		if err := isDir(fs.Lookup("workspace").Value.String()); err != nil {
			return err
		}
		findings, err := checkWorkspace(workspace, now, opts, cf.browser)
		if err != nil {
			return err
		}
		return reportFindings(env, findings, cf)
	}
	if fs.Lookup("workspace").Value.String() != "" {
		return errors.New("give --workspace or HTML files, not both")
	}
	var b *check.Browser
	if cf.browser {
		if b, err = startBrowser(); err != nil {
			return err
		}
		defer b.Close()
	}
	var findings []check.Finding
	for _, f := range files {
		fsFile, err := checkFile(env, f, opts, b)
		if err != nil {
			return err
		}
		findings = append(findings, fsFile...)
	}
	return reportFindings(env, findings, cf)
}

// isDir reports a --workspace that is not a folder ("" is the built-in
// example) before the engine looks inside it.
func isDir(dir string) error {
	if dir == "" {
		return nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("--workspace: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("--workspace %s: not a folder", dir)
	}
	return nil
}

// startBrowser starts headless Chromium for --browser.
func startBrowser() (*check.Browser, error) {
	b, err := check.StartBrowser(context.Background(), "")
	if err != nil {
		return nil, fmt.Errorf("--browser: %w", err)
	}
	return b, nil
}

// checkWorkspace loads a workspace and lints its emails for every
// fixture, in Chromium too with browser.
func checkWorkspace(workspace func() (iofs.FS, string), now func() (time.Time, error), opts check.Options, browser bool) ([]check.Finding, error) {
	t, err := now()
	if err != nil {
		return nil, err
	}
	fsys, name := workspace()
	c, err := loadCampaign(fsys, name, render.WithNow(t))
	if err != nil {
		return nil, err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	findings, err := check.Workspace(ctx, c, fsys, opts, t)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	if !browser {
		return findings, nil
	}
	b, err := startBrowser()
	if err != nil {
		return nil, err
	}
	defer b.Close()
	more, err := check.BrowserWorkspace(ctx, b, c, fsys, nil, t)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", name, err)
	}
	return append(findings, more...), nil
}

// parseInterspersed parses flags that may come before or after the file
// arguments ("tailor check email.html --strict") and returns the files.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, exitError{code: 2} // the flag package printed why
		}
		if fs.NArg() == 0 {
			return files, nil
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// checkFile lints one plain HTML file; "-" is standard input.
func checkFile(env *cmdEnv, path string, opts check.Options, browser *check.Browser) ([]check.Finding, error) {
	b, name, err := readInput(env, path)
	if err != nil {
		return nil, err
	}
	fs, err := check.HTML(name, b, opts)
	if err != nil || browser == nil {
		return fs, err
	}
	more, err := check.BrowserHTML(context.Background(), browser, name, b, nil)
	return append(fs, more...), err
}

// reportFindings prints findings in the chosen format, a count on stderr,
// and turns them into the exit status: 1 with an error, or with a warning
// under --strict. Workspace checks can feed their findings through it.
func reportFindings(env *cmdEnv, findings []check.Finding, cf checkFlags) error {
	var err error
	if cf.format == "json" {
		err = check.FormatJSON(env.stdout, findings)
	} else {
		err = check.FormatText(env.stdout, findings)
	}
	if err != nil {
		return err
	}
	counts := map[check.Severity]int{}
	for _, f := range findings {
		counts[f.Severity]++
	}
	fmt.Fprintf(env.stderr, "tailor check: %d errors, %d warnings, %d infos\n",
		counts[check.Error], counts[check.Warning], counts[check.Info])
	if counts[check.Error] > 0 || cf.strict && counts[check.Warning] > 0 {
		return exitError{code: 1}
	}
	return nil
}
