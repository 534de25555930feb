package store

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"time"
)

// The file forms of the send log, beside a batch's output when there is
// no store: a JSON object per line, Send's and Outcome's JSON form (a
// sends.jsonl line may carry more fields, such as the batch's seq).
const (
	SendsFile    = "sends.jsonl"
	OutcomesFile = "outcomes.jsonl"
)

// maxLine bounds one line of a send-log file.
const maxLine = 16 << 20

// readLines decodes each line of r into a T; an error names name:line:col.
func readLines[T any](name string, r io.Reader) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		sc := bufio.NewScanner(r)
		sc.Buffer(nil, maxLine)
		for n := 1; sc.Scan(); n++ {
			var v T
			if len(sc.Bytes()) == 0 {
				continue
			}
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				col := 1
				var se *json.SyntaxError
				if errors.As(err, &se) {
					col = int(se.Offset)
				}
				yield(v, fmt.Errorf("%s:%d:%d: %w", name, n, col, err))
				return
			}
			if !yield(v, nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			var v T
			yield(v, fmt.Errorf("%s: %w", name, err))
		}
	}
}

// ReadSends reads the sends of a sends.jsonl, named name in errors.
func ReadSends(name string, r io.Reader) iter.Seq2[Send, error] { return readLines[Send](name, r) }

// ReadOutcomes reads the outcomes of an outcomes.jsonl.
func ReadOutcomes(name string, r io.Reader) iter.Seq2[Outcome, error] {
	return readLines[Outcome](name, r)
}

// JoinFiles is SendsBetween over files: the sends of sendsPath logged in
// [from, to) (a zero time is no bound), oldest first and each message ID
// once (its first line), with the outcomes of outcomesPath that join
// them, oldest first. outcomesPath may be "" or missing: no outcomes.
// It holds both files' entries in memory.
func JoinFiles(sendsPath, outcomesPath string, from, to time.Time) ([]SendWithOutcomes, error) {
	var out []SendWithOutcomes
	index := map[string]int{}
	err := eachLine(sendsPath, ReadSends, func(sd Send) {
		if _, dup := index[sd.MessageID]; dup || sd.At.Before(from) || !to.IsZero() && !sd.At.Before(to) {
			return
		}
		index[sd.MessageID] = len(out)
		out = append(out, SendWithOutcomes{Send: sd})
	})
	if err != nil {
		return nil, err
	}
	if outcomesPath != "" {
		err = eachLine(outcomesPath, ReadOutcomes, func(o Outcome) {
			if i, ok := index[o.MessageID]; ok {
				if o.Recipient == "" {
					o.Recipient = out[i].Recipient
				}
				out[i].Outcomes = append(out[i].Outcomes, o)
			}
		})
		if errors.Is(err, os.ErrNotExist) {
			err = nil
		}
	}
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b SendWithOutcomes) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.MessageID, b.MessageID))
	})
	for i := range out {
		slices.SortStableFunc(out[i].Outcomes, func(a, b Outcome) int { return a.At.Compare(b.At) })
	}
	return out, nil
}

// eachLine calls fn with each entry of the file at path.
func eachLine[T any](path string, read func(string, io.Reader) iter.Seq2[T, error], fn func(T)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer f.Close()
	for v, err := range read(path, f) {
		if err != nil {
			return err
		}
		fn(v)
	}
	return nil
}
