package batch

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/tailor-email/tailor/message"
)

// JSONL writes one line (message.AppendJSONL) per result to w, in input order. It cannot resume.
func JSONL(w io.Writer) Sink { return &jsonlSink{w: bufio.NewWriterSize(w, 256<<10)} }

type jsonlSink struct{ w *bufio.Writer }

func (s *jsonlSink) Done(Result) bool { return false }

// Encode encodes a result's line in a worker.
func (s *jsonlSink) Encode(r Result) ([]byte, error) { return encodeLine(r), nil }

// WantsHTMLJSON implements HTMLJSONEncoder.
func (s *jsonlSink) WantsHTMLJSON() bool { return true }

func (s *jsonlSink) Write(r Result) error { return writeLine(s.w, r) }

// writeLine writes a result's JSONL line, encoded already or now, and
// gives the line's buffer back to encodeLine.
func writeLine(w io.Writer, r Result) error {
	b := r.Encoded
	if b == nil {
		b = encodeLine(r)
	}
	_, err := w.Write(b)
	lineBufs.Put(b)
	return err
}

func (s *jsonlSink) Close() error { return s.w.Flush() }

// Dir writes outputs into a folder: "jsonl" appends to messages.jsonl,
// "files" writes <email>/<id>.html, .txt, .amp.html and .json, and "eml"
// writes <email>/<id>.eml. Failures also go to failures.jsonl. With resume,
// complete outputs of an earlier run are kept and skipped.
//
// In eml and files, the workers write the files (Storer), straight to
// their names, and DoneJournal counts how far, in input order, they are
// complete; files an earlier run may have left incomplete (those past its
// count) are written to a temporary name and renamed into place.
func Dir(dir, format string, resume bool) (Sink, error) {
	switch format {
	case "jsonl", "files", "eml":
	default:
		return nil, fmt.Errorf("unknown format %q (want jsonl, eml or files)", format)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	removeTemps(dir)
	s := &dirSink{dir: dir, format: format}
	keepFailures := -1 // files and eml retry failures: drop the old records
	var err error
	if format == "jsonl" {
		if keepFailures, err = s.openJournal(resume); err != nil {
			return nil, err
		}
	} else if s.done, s.complete, s.legacy, err = openDoneJournal(dir, resume); err != nil {
		return nil, err
	}
	f, err := openFailures(filepath.Join(dir, "failures.jsonl"), keepFailures)
	if err != nil {
		if s.done != nil {
			s.done.close()
		}
		return nil, err
	}
	s.failures = f
	return s, nil
}

type dirSink struct {
	dir, format string
	journal     *os.File // messages.jsonl
	jw          *bufio.Writer
	lines       int         // jsonl: the first lines results are in the journal
	places      *linePlaces // jsonl: whose those lines are
	failures    *os.File
	// eml and files: done is DoneJournal; the first complete results of
	// an earlier run are complete where their files exist; legacy says
	// that every file that exists is (see openDoneJournal).
	done     *doneJournal
	complete int
	legacy   bool
	folders  sync.Map // the folders made so far
}

// openJournal opens messages.jsonl; when resuming it keeps its complete
// lines (a prefix of the input, since output is in input order) and cuts a
// partial last line. It returns how many lines it kept.
func (s *dirSink) openJournal(resume bool) (int, error) {
	s.places = newLinePlaces()
	f, n, err := openResumable(filepath.Join(s.dir, "messages.jsonl"), resume, s.places.completeLinesOf)
	if err != nil {
		return 0, err
	}
	s.journal, s.jw, s.lines = f, bufio.NewWriterSize(f, 256<<10), n
	return n, nil
}

// Done reports whether the job's output is complete. In jsonl the
// journal's first lines are; in eml and files, the job's marker file is,
// if it lies within the complete results of DoneJournal, unless the job
// fails before rendering (an unreadable record, a duplicate ID), since
// then the file it would be named by is another's.
func (s *dirSink) Done(j Result) bool {
	switch {
	case s.format == "jsonl":
		return j.Seq < s.lines
	case j.Err != nil || (!s.legacy && j.Seq >= s.complete):
		return false
	}
	p, err := s.path(j, s.marker())
	if err != nil {
		return false
	}
	_, err = os.Stat(p)
	return err == nil
}

func (s *dirSink) marker() string {
	if s.format == "eml" {
		return ".eml"
	}
	return ".json"
}

// path is the file of a result's output with extension ext in the files
// layout (see message.FileName).
func (s *dirSink) path(r Result, ext string) (string, error) {
	name, err := message.FileName(r.Email, r.ID, ext)
	if err != nil {
		return "", err
	}
	return filepath.Join(s.dir, name), nil
}

func (s *dirSink) Write(r Result) error {
	if r.Err != nil {
		b, err := marshalLine(Failure(r))
		if err == nil {
			_, err = s.failures.Write(b)
		}
		if err != nil {
			return err
		}
		if s.format != "jsonl" {
			return s.done.done(r.Seq)
		}
	}
	if s.format == "jsonl" {
		return writeLine(s.jw, r)
	}
	if r.Suppressed { // no file: the journal keeps its place
		return s.done.done(r.Seq)
	}
	if !r.stored {
		if err := s.Store(r); err != nil {
			return err
		}
	}
	return s.done.done(r.Seq)
}

// skip notes in DoneJournal that a result an earlier run wrote is
// complete (in a folder without a journal, the count starts with those).
func (s *dirSink) skip(r Result) error {
	if s.done == nil {
		return nil
	}
	return s.done.done(r.Seq)
}

// checkPlace implements placeChecker: in jsonl, a job a resumed batch
// would skip must be the recipient whose line is at its place.
func (s *dirSink) checkPlace(j Result) error {
	if s.places == nil {
		return nil
	}
	return s.places.check(j)
}

// Stores implements Storer: eml and files do.
func (s *dirSink) Stores() bool { return s.format != "jsonl" }

// Store writes a result's .eml, or its files with the .json last (it
// marks the output complete), in the worker that rendered it. A result
// that an earlier run may have left incomplete is written to a temporary
// file and renamed into place, so that, below DoneJournal's count, a
// file is complete or absent.
func (s *dirSink) Store(r Result) error {
	files := []message.File{{Ext: ".eml", Data: r.Encoded}}
	if s.format == "eml" && r.Encoded == nil {
		b, err := s.Encode(r)
		if err != nil {
			return fmt.Errorf("%s (recipient %s): %w", r.Record.Where(), r.ID, err)
		}
		files[0].Data = b
	}
	if s.format == "files" {
		var err error
		if files, err = message.Files(r.Msg); err != nil {
			return err
		}
	}
	write := writeFile
	if s.legacy || r.Seq < s.complete {
		write = writeAtomic
	}
	for _, f := range files {
		p, err := s.path(r, f.Ext)
		if err == nil {
			err = s.folder(filepath.Dir(p))
		}
		if err == nil {
			err = write(p, f.Data)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// folder makes a folder of outputs, once.
func (s *dirSink) folder(dir string) error {
	if _, ok := s.folders.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	s.folders.Store(dir, true)
	return nil
}

// WantsHTMLJSON implements HTMLJSONEncoder: the jsonl format does.
func (s *dirSink) WantsHTMLJSON() bool { return s.format == "jsonl" }

// Encode encodes a result's JSONL line or .eml message in a worker (the
// .eml appended to r.Encoded[:0], a buffer the worker reuses); a
// message the MIME writer refuses (an unusable address), or an ID that
// makes no file name (empty, too long), fails that recipient.
func (s *dirSink) Encode(r Result) ([]byte, error) {
	if s.format != "jsonl" {
		if _, err := s.path(r, ""); err != nil {
			return nil, err
		}
	}
	switch s.format {
	case "jsonl":
		return encodeLine(r), nil
	case "eml":
		b, err := message.AppendEML(r.Encoded[:0], r.Msg)
		if err != nil {
			return nil, fmt.Errorf(".eml: %w", err)
		}
		return b, nil
	}
	return nil, nil
}

func (s *dirSink) Close() error {
	var err error
	if s.jw != nil {
		err = s.jw.Flush()
		if cerr := s.journal.Close(); err == nil {
			err = cerr
		}
	}
	if s.done != nil {
		if cerr := s.done.close(); err == nil {
			err = cerr
		}
	}
	if cerr := s.failures.Close(); err == nil {
		err = cerr
	}
	return err
}
