package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/store"
)

// scriptCmds are the scripts' own commands, for what testscript's cannot
// do: wait for an event (a file, a busy process, an exit) with a deadline
// rather than sleep, send SIGTERM (kill sends only INT and KILL), time
// how long a process takes to stop, and check an output folder.
//
//	waitfile [-timeout D] PATH...  wait until each PATH exists (default 30s);
//	                               fail at once if the background command exits
//	waitbusy [-timeout D] CPU      wait until the one background command has
//	                               spent CPU more processor time from now on
//	sigterm [-within D] [-kill D]  send SIGTERM to the background commands; fail
//	                               unless each exits within D (default 2s) of
//	                               it; SIGKILL one still running after -kill
//	                               (default 10s); then "wait" collects them
//	outputs DIR                    check that every file under DIR is a whole
//	                               .eml, failures.jsonl or the completion journal
//	                               (nothing partial, no temporary file); print "eml EMAIL/ID" and
//	                               "failure EMAIL/ID" lines, then the counts
//	replace FILE OLD NEW           replace the one place FILE has the text OLD
//	                               with NEW; fail unless OLD is there exactly once
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"waitfile": cmdWaitFile,
	"waitbusy": cmdWaitBusy,
	"sigterm":  cmdSigterm,
	"outputs":  cmdOutputs,
	"replace":  cmdReplace,
}

// cmdReplace edits a file of the script's work folder in one place.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	text := ts.ReadFile(args[0])
	if n := strings.Count(text, args[1]); n != 1 {
		ts.Fatalf("replace: %s has %q %d times, want once", args[0], args[1], n)
	}
	if err := os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Replace(text, args[1], args[2], 1)), 0o644); err != nil {
		ts.Fatalf("replace: %v", err)
	}
}

// poll is how often the commands look at what they wait for.
const poll = 2 * time.Millisecond

func scriptFlags(ts *testscript.TestScript, name string, args []string, durs map[string]*time.Duration) []string {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for n, d := range durs {
		fs.DurationVar(d, n, *d, "")
	}
	if err := fs.Parse(args); err != nil {
		ts.Fatalf("%s: %v", name, err)
	}
	return fs.Args()
}

func cmdWaitFile(ts *testscript.TestScript, neg bool, args []string) {
	timeout := 30 * time.Second
	paths := scriptFlags(ts, "waitfile", args, map[string]*time.Duration{"timeout": &timeout})
	if neg || len(paths) == 0 {
		ts.Fatalf("usage: waitfile [-timeout D] PATH...")
	}
	deadline := time.Now().Add(timeout)
	for _, p := range paths {
		for {
			if _, err := os.Stat(ts.MkAbs(p)); err == nil {
				break
			}
			for _, cmd := range ts.BackgroundCmds() {
				if st, _ := procStat(cmd.Process.Pid); st.exited {
					ts.Fatalf("waitfile: the background command exited before %s appeared", p)
				}
			}
			if time.Now().After(deadline) {
				ts.Fatalf("waitfile: no %s after %s", p, timeout)
			}
			time.Sleep(poll)
		}
	}
}

func cmdWaitBusy(ts *testscript.TestScript, neg bool, args []string) {
	timeout := 30 * time.Second
	rest := scriptFlags(ts, "waitbusy", args, map[string]*time.Duration{"timeout": &timeout})
	bg := ts.BackgroundCmds()
	if neg || len(rest) != 1 || len(bg) != 1 {
		ts.Fatalf("usage: waitbusy [-timeout D] CPU, with one background command (have %d)", len(bg))
	}
	want, err := time.ParseDuration(rest[0])
	ts.Check(err)
	pid := bg[0].Process.Pid
	start, _ := procStat(pid)
	deadline := time.Now().Add(timeout)
	for {
		st, err := procStat(pid)
		switch {
		case err != nil || st.exited:
			ts.Fatalf("waitbusy: the background command exited (%v)", err)
		case st.cpu-start.cpu >= want:
			ts.Logf("waitbusy: %s of CPU", st.cpu-start.cpu)
			return
		case time.Now().After(deadline):
			ts.Fatalf("waitbusy: %s of CPU in %s, want %s", st.cpu-start.cpu, timeout, want)
		}
		time.Sleep(poll)
	}
}

func cmdSigterm(ts *testscript.TestScript, neg bool, args []string) {
	within, kill := 2*time.Second, 10*time.Second
	rest := scriptFlags(ts, "sigterm", args, map[string]*time.Duration{"within": &within, "kill": &kill})
	bg := ts.BackgroundCmds()
	if neg || len(rest) != 0 || len(bg) == 0 {
		ts.Fatalf("usage: sigterm [-within D] [-kill D], with a background command")
	}
	sent := time.Now()
	for _, cmd := range bg {
		ts.Check(cmd.Process.Signal(syscall.SIGTERM))
	}
	var late []string
	for _, cmd := range bg {
		for {
			st, err := procStat(cmd.Process.Pid)
			if err != nil || st.exited {
				break
			}
			if time.Since(sent) > kill {
				cmd.Process.Kill()
				ts.Fatalf("sigterm: %s still running %s after SIGTERM; killed", filepath.Base(cmd.Args[0]), kill)
			}
			time.Sleep(poll)
		}
		el := time.Since(sent)
		ts.Logf("sigterm: %s exited %s after SIGTERM", filepath.Base(cmd.Args[0]), el.Round(time.Millisecond))
		if el > within {
			late = append(late, fmt.Sprintf("%s exited %s after SIGTERM, want within %s", filepath.Base(cmd.Args[0]), el.Round(time.Millisecond), within))
		}
	}
	if len(late) > 0 {
		ts.Fatalf("sigterm: %s", strings.Join(late, "; "))
	}
}

// A pstat is what /proc/PID/stat says of a process.
type pstat struct {
	exited bool          // a zombie, or gone
	cpu    time.Duration // user and system time
}

// procStat reads /proc/PID/stat. A process that is gone (reaped) has
// exited; the error is set only when it cannot tell.
func procStat(pid int) (pstat, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ESRCH) {
		return pstat{exited: true}, nil
	}
	if err != nil {
		return pstat{}, err
	}
	// "pid (comm) state ppid ... utime stime ...": comm may hold spaces.
	i := bytes.LastIndexByte(b, ')')
	f := strings.Fields(string(b[i+1:]))
	if i < 0 || len(f) < 13 {
		return pstat{}, fmt.Errorf("/proc/%d/stat: %q", pid, b)
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const tick = 10 * time.Millisecond // USER_HZ is 100 on Linux
	return pstat{exited: f[0] == "Z" || f[0] == "X", cpu: time.Duration(utime+stime) * tick}, nil
}

func cmdOutputs(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: outputs DIR")
	}
	root := ts.MkAbs(args[0])
	var emls, failures, sends []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "failures.jsonl":
			failures, err = readFailures(path)
			return err
		case rel == batch.DoneJournal:
			return nil // how far the outputs are complete, not one of them
		case rel == batch.SendsName: // the send log: whole lines, each for an .eml
			sends, err = readSends(path)
			return err
		case strings.HasSuffix(rel, ".eml") && !strings.HasPrefix(d.Name(), "."):
			if err := wholeEML(path); err != nil {
				return fmt.Errorf("%s: not a whole message: %w", rel, err)
			}
			emls = append(emls, strings.TrimSuffix(rel, ".eml"))
			return nil
		}
		return fmt.Errorf("%s: neither an .eml nor failures.jsonl (a temporary or partial file?)", rel)
	})
	ts.Check(err)
	w := ts.Stdout()
	for _, e := range emls {
		fmt.Fprintf(w, "eml %s\n", e)
	}
	for _, f := range failures {
		fmt.Fprintf(w, "failure %s\n", f)
	}
	fmt.Fprintf(w, "%d eml, %d failures\n", len(emls), len(failures))
	if sends != nil {
		for _, sd := range sends {
			if !slices.Contains(emls, sd) {
				ts.Fatalf("%s logs a send of %s, which has no .eml", batch.SendsName, sd)
			}
		}
		fmt.Fprintf(w, "%d sends\n", len(sends))
	}
}

// readSends returns "EMAIL/ID" of each line of a sends.jsonl, each a
// whole send with a message ID; a recipient logged twice is an error.
func readSends(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for sd, err := range store.ReadSends(batch.SendsName, bytes.NewReader(b)) {
		if err != nil {
			return nil, err
		}
		name := sd.Template + "/" + sd.Recipient
		if sd.MessageID == "" || slices.Contains(out, name) {
			return nil, fmt.Errorf("%s: %s without a message ID, or logged twice", batch.SendsName, name)
		}
		out = append(out, name)
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		return nil, fmt.Errorf("%s: the last line is partial", batch.SendsName)
	}
	return out, nil
}

// wholeEML checks that the file at path is a whole message: headers, and
// a multipart body that ends with its closing boundary.
func wholeEML(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	m, err := mail.ReadMessage(bufio.NewReader(f))
	if err != nil {
		return err
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	if !strings.HasPrefix(mt, "multipart/") {
		_, err := io.ReadAll(m.Body)
		return err
	}
	r := multipart.NewReader(m.Body, params["boundary"])
	parts := 0
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("after %d parts: %w", parts, err)
		}
		if _, err := io.Copy(io.Discard, p); err != nil {
			return fmt.Errorf("part %d: %w", parts+1, err)
		}
		parts++
	}
	if parts == 0 {
		return errors.New("no parts")
	}
	return nil
}

// readFailures returns "EMAIL/ID" of each line of a failures.jsonl, each
// of which must be a whole JSON line.
func readFailures(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		return nil, errors.New("failures.jsonl: the last line is partial")
	}
	var out []string
	for line := range strings.Lines(string(b)) {
		var rec struct{ ID, Template string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return nil, fmt.Errorf("failures.jsonl: %q: %w", line, err)
		}
		out = append(out, rec.Template+"/"+rec.ID)
	}
	return out, nil
}
