package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/tailor-email/tailor/report"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/workspace"
)

// runExperiments dispatches the experiments subcommands.
func runExperiments(env *cmdEnv, args []string) error {
	if len(args) > 0 && args[0] == "conclude" {
		return runConclude(env, args[1:])
	}
	printSubcommands(env.stderr, "experiments conclude")
	return exitError{code: 2}
}

func runConclude(env *cmdEnv, args []string) error {
	set := newFlags(env, "experiments conclude")
	var rf reportFlags
	rf.add(set)
	winner := set.String("winner", "", "the `VARIANT` every recipient gets from now on")
	force := set.Bool("force", false, "conclude although the report names no such winner (the record says so)")
	rest, err := parseArgs(set, interspersed(args), 1, 1)
	if err != nil {
		return err
	}
	name := rest[0]
	switch {
	case *winner == "":
		return errors.New("--winner VARIANT: which variant wins")
	case rf.dir == "":
		return errors.New("--workspace DIR: the built-in example's tailor.yaml cannot be written")
	}
	opt, err := rf.options()
	if err != nil {
		return err
	}
	looks, save, err := rf.looks()
	if err != nil {
		return err
	}
	now := time.Now()
	opt.Looks = func(exp string, n int64) int { return looks.Look(exp, n, now) }
	rep, err := rf.build(context.Background(), opt)
	if err != nil {
		return err
	}
	if err := save(); err != nil {
		return err
	}
	evidence, err := conclusionEvidence(rep, name, *winner, *force)
	if err != nil {
		return err
	}
	c := segment.Conclusion{At: now.UTC().Format(time.RFC3339), Evidence: evidence}
	if err := concludeFile(rf.dir, name, *winner, c); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "experiment %s concluded: %s serves everyone (tailor.yaml)\n  evidence: %s\n", name, *winner, evidence)
	return nil
}

// interspersed moves the arguments that are not flags after the flags,
// so "conclude NAME --winner B" parses as "--winner B NAME".
func interspersed(args []string) []string {
	var flags, names []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case !strings.HasPrefix(a, "-"):
			names = append(names, a)
		case strings.Contains(a, "=") || a == "--force" || a == "-force" || a == "-h" || a == "--help" || i == len(args)-1:
			flags = append(flags, a)
		default:
			flags = append(flags, a, args[i+1])
			i++
		}
	}
	return append(flags, names...)
}

// conclusionEvidence is the report's case for the winner in a line: the
// comparisons it took part in and the verdict. Unless forced, the report
// must name the same winner.
func conclusionEvidence(rep *report.Report, name, winner string, force bool) (string, error) {
	i := slices.IndexFunc(rep.Experiments, func(e report.ExperimentResult) bool { return e.Name == name })
	if i < 0 {
		return "", fmt.Errorf("experiment %s: no sends in the send log for it", name)
	}
	e := rep.Experiments[i]
	if !slices.ContainsFunc(e.Arms, func(r report.Row) bool { return r.Name == winner }) {
		return "", fmt.Errorf("experiment %s: no sends of variant %s", name, winner)
	}
	if e.Winner != winner && !force {
		return "", fmt.Errorf("experiment %s: the report does not name %s the winner (%s); --force concludes anyway", name, winner, e.Verdict)
	}
	var parts []string
	if e.Winner != winner {
		parts = append(parts, "forced against the report")
	}
	for _, c := range e.Comparisons {
		if c.A == winner || c.B == winner {
			parts = append(parts, fmt.Sprintf("%s vs %s on %s: %.2f%% of %d vs %.2f%% of %d, lift %+.1f%% [%+.1f%%, %+.1f%%], adjusted p %.3g",
				c.B, c.A, e.Metric, c.RateB.P*100, c.RateB.N, c.RateA.P*100, c.RateA.N, c.Lift*100, c.LiftLo*100, c.LiftHi*100, c.PAdj))
		}
	}
	parts = append(parts, e.Verdict)
	return strings.Join(parts, "; "), nil
}

// concludeFile rewrites the workspace's tailor.yaml with the experiment
// concluded, through a file beside it renamed into place within an
// os.Root of the folder.
func concludeFile(dir, name, winner string, c segment.Conclusion) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("conclude: %w", err)
	}
	defer root.Close()
	src, err := root.ReadFile(workspace.ConfigFile)
	if err != nil {
		return fmt.Errorf("conclude: %w", err)
	}
	out, err := workspace.Conclude(src, name, winner, c)
	if err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if fi, err := root.Stat(workspace.ConfigFile); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp := workspace.ConfigFile + ".new"
	if err := root.WriteFile(tmp, out, mode); err != nil {
		return fmt.Errorf("conclude: %w", err)
	}
	if err := root.Rename(tmp, workspace.ConfigFile); err != nil {
		return fmt.Errorf("conclude: %w", err)
	}
	return nil
}
