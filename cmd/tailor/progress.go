package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/recipients"
)

// reporter shows a batch's progress; done is called once at the end.
type reporter struct {
	update func(*batch.Summary)
	done   func(*batch.Summary)
}

// newReporter picks how to show progress on w: a bar with rate and ETA
// on a terminal (a spinner with the rate when total is unknown, < 0), a
// plain line every interval otherwise, nothing when quiet.
func newReporter(w io.Writer, total int64, quiet bool, interval time.Duration) reporter {
	switch {
	case quiet:
		return reporter{update: nil, done: func(*batch.Summary) {}}
	case isTerminal(w):
		return barReporter(w, total)
	}
	return lineReporter(w, interval)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// lineReporter prints a plain progress line at most once per interval.
func lineReporter(w io.Writer, interval time.Duration) reporter {
	last := time.Now()
	return reporter{
		update: func(s *batch.Summary) {
			if time.Since(last) < interval {
				return
			}
			last = time.Now()
			fmt.Fprintf(w, "rendered %d, failed %d, skipped %d (%.0f/s)\n", s.Rendered, s.Failed, s.Skipped, s.Rate())
		},
		done: func(*batch.Summary) {},
	}
}

// barReporter draws a progress bar; the batch calls update for every
// result, so the bar is only touched every 64 results.
func barReporter(w io.Writer, total int64) reporter {
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("rendering"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("msg"),
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
	)
	_ = bar.Set64(0) // starts the bar's clock, so its first rate is not from a few results in no time
	n := 0
	set := func(s *batch.Summary) {
		done := int64(s.Rendered + s.Failed + s.Skipped)
		if total > 0 && done > total { // the count was an estimate
			bar.ChangeMax64(done)
		}
		_ = bar.Set64(done)
	}
	return reporter{
		update: func(s *batch.Summary) {
			if n++; n%64 == 0 {
				set(s)
			}
		},
		done: func(s *batch.Summary) {
			set(s)
			_ = bar.Finish()
		},
	}
}

// countRecords estimates the records in a recipients file cheaply: its
// lines, less a CSV header. It returns -1 when it cannot tell (a JSON
// array spans lines per record, stdin cannot be read twice).
func countRecords(file string) int64 {
	if file == "" || file == "-" {
		return -1
	}
	f, err := os.Open(file)
	if err != nil {
		return -1
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return -1
	}
	br := bufio.NewReaderSize(f, 1<<20)
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
		br.Discard(3)
	}
	first, _ := br.Peek(1)
	if len(first) == 1 && first[0] == '[' {
		return -1
	}
	n, last, buf := int64(0), byte('\n'), make([]byte, 1<<20)
	for {
		k, err := br.Read(buf)
		if k > 0 {
			n += int64(bytes.Count(buf[:k], []byte{'\n'}))
			last = buf[k-1]
		}
		if err != nil {
			break
		}
	}
	if last != '\n' {
		n++
	}
	format := recipients.FormatOf(file)
	if (format == recipients.CSV || format == "" && len(first) == 1 && first[0] != '{') && n > 0 {
		n--
	}
	return n
}
