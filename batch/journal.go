package batch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// DoneJournal is the file of an eml or files output folder, while a
// batch writes to it, that says how far the outputs are complete: each
// line is a count n of results, in input order, whose files were all
// written (or that failed). Workers write files straight to their names,
// in any order, so a run that is killed can leave files cut short past
// the last count; --resume trusts a file only below it, and writes again
// what lies beyond. When the batch ends the journal holds only its last
// count.
const DoneJournal = ".tailor-done"

// journalEvery is how many results go by between two counts: a killed
// run renders again at most that many more, besides those in flight.
const journalEvery = 64

// doneJournal appends the counts of DoneJournal.
type doneJournal struct {
	f        *os.File
	written  int // the last count written
	complete int // results complete so far, in input order
	line     []byte
}

// openDoneJournal opens dir's DoneJournal. Fresh, it starts empty. When
// resuming it returns the last complete count, cutting a partial last
// line; legacy is true when the folder has outputs but no journal (an
// earlier version's, every file of which was renamed into place, so
// complete), and then the count is zero.
func openDoneJournal(dir string, resume bool) (j *doneJournal, count int, legacy bool, err error) {
	path := filepath.Join(dir, DoneJournal)
	if _, err := os.Stat(path); resume && errors.Is(err, fs.ErrNotExist) {
		legacy, err = hasOutputs(dir)
		if err != nil {
			return nil, 0, false, err
		}
	}
	f, count, err := openResumable(path, resume, lastCount)
	if err != nil {
		return nil, 0, false, err
	}
	return &doneJournal{f: f, written: count, complete: count}, count, legacy, nil
}

// openResumable opens a record file for appending: fresh, emptied; when
// resuming, cut after what keep says is complete (n records in its first
// size bytes), which it returns.
func openResumable(path string, resume bool, keep func(*os.File) (n int, size int64, err error)) (*os.File, int, error) {
	flags := os.O_CREATE | os.O_RDWR
	if !resume {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return nil, 0, err
	}
	n, size, err := keep(f)
	if err == nil {
		err = f.Truncate(size)
	}
	if err == nil {
		_, err = f.Seek(size, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("resuming %s: %w", path, err)
	}
	return f, n, nil
}

// hasOutputs reports whether dir holds a folder: outputs of an email.
func hasOutputs(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			return true, nil
		}
	}
	return false, err
}

// lastCount reads the journal's last complete line, and the bytes up to
// its end; a line cut short by a kill, or not a count, ends the reading.
func lastCount(f *os.File) (count int, size int64, err error) {
	br := bufio.NewReader(f)
	for {
		line, err := br.ReadBytes('\n')
		if err == io.EOF {
			return count, size, nil
		}
		if err != nil {
			return 0, 0, err
		}
		n, perr := strconv.Atoi(string(bytes.TrimSuffix(line, []byte("\n"))))
		if perr != nil || n < count {
			return count, size, nil
		}
		count, size = n, size+int64(len(line))
	}
}

// done records that the result at seq, and every one before it, is
// complete; every journalEvery results it writes the count.
func (j *doneJournal) done(seq int) error {
	j.complete = max(j.complete, seq+1)
	if j.complete-j.written < journalEvery {
		return nil
	}
	return j.flush()
}

// flush writes the count, if it grew.
func (j *doneJournal) flush() error {
	if j.complete == j.written {
		return nil
	}
	j.line = append(strconv.AppendInt(j.line[:0], int64(j.complete), 10), '\n')
	if _, err := j.f.Write(j.line); err != nil {
		return fmt.Errorf("%s: %w", j.f.Name(), err)
	}
	j.written = j.complete
	return nil
}

// close leaves the journal holding the last count alone, whatever lines
// it had, so that two runs that end with the same outputs leave the same
// journal; the rewrite goes through a rename, so a kill meanwhile leaves
// the old journal.
func (j *doneJournal) close() error {
	err := j.f.Close()
	j.line = append(strconv.AppendInt(j.line[:0], int64(j.complete), 10), '\n')
	if werr := writeAtomic(j.f.Name(), j.line); err == nil {
		err = werr
	}
	return err
}
