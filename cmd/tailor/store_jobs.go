package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tailor-email/tailor/store"
)

// runStoreJobs lists the triggers' jobs: all, or those of one state (dead
// is the dead-letter list) or recipient.
func runStoreJobs(env *cmdEnv, args []string) error {
	set := newFlags(env, "store jobs")
	open, _ := storeFlag(set)
	state := set.String("state", "", "only the jobs in `STATE`: pending, running, done, cancelled or dead (the dead-letter list)")
	recipient := set.String("recipient", "", "only the jobs of recipient `ID`")
	if _, err := parseArgs(set, args, 0, 0); err != nil {
		return err
	}
	if *state != "" && !slices.Contains(store.JobStates, store.JobState(*state)) {
		return fmt.Errorf("--state %q: want one of pending, running, done, cancelled, dead", *state)
	}
	return withStore(open, func(ctx context.Context, s store.Store) error {
		return listJobs(ctx, env.stdout, s, store.JobFilter{State: store.JobState(*state), Profile: *recipient})
	})
}

// listJobs writes the jobs f selects, a page at a time, as a table with
// a count per state at the end.
func listJobs(ctx context.Context, w io.Writer, s store.Store, f store.JobFilter) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tDUE\tTRIGGER\tRECIPIENT\tATTEMPTS\tNOTE")
	counts := map[store.JobState]int{}
	for {
		jobs, err := s.ListJobs(ctx, f)
		if err != nil {
			return err
		}
		for _, j := range jobs {
			counts[j.State]++
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\n", j.ID, j.State, j.Due.UTC().Format(time.RFC3339), j.Trigger, j.Profile, j.Attempts, flatNote(j.Note))
		}
		if len(jobs) == 0 {
			break
		}
		f.After = jobs[len(jobs)-1].ID
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var parts []string
	for _, st := range store.JobStates {
		parts = append(parts, fmt.Sprintf("%d %s", counts[st], st))
	}
	_, err := fmt.Fprintln(w, strings.Join(parts, ", "))
	return err
}

// flatNote keeps a note on its row.
func flatNote(s string) string { return strings.Join(strings.Fields(s), " ") }
