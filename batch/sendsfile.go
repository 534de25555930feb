package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"

	"github.com/tailor-email/tailor/store"
)

// SendsName is the send log a Dir sink's folder holds when there is no
// store: one JSON line per send (store.Send's JSON form, with the
// result's seq).
const SendsName = "sends.jsonl"

// sendLine is a line of sends.jsonl: a send and the position of its
// result, by which a resumed run keeps the lines of complete results.
type sendLine struct {
	Seq int `json:"seq"`
	store.Send
}

// SendsFile opens the sends.jsonl of sink, a Dir sink, for Logged. It is
// written like failures.jsonl: made afresh through a temporary file and
// a rename, or, when resuming, keeping the lines of the results the sink
// kept as complete (those it will skip) and dropping the rest; then each
// send is appended as its result is written, a line per write, so a
// killed run leaves whole lines.
func SendsFile(sink Sink, resume bool) (SendLog, error) {
	d, ok := sink.(*dirSink)
	if !ok {
		return nil, errors.New("batch: sends.jsonl needs an output folder")
	}
	keep, all := -1, false
	if resume {
		switch {
		case d.format == "jsonl":
			keep = d.lines
		case d.legacy:
			all = true
		default:
			keep = d.complete
		}
	}
	path := filepath.Join(d.dir, SendsName)
	var kept bytes.Buffer
	if keep > 0 || all {
		if err := keepSends(path, keep, all, &kept); err != nil {
			return nil, err
		}
	}
	if err := writeAtomic(path, kept.Bytes()); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	return &sendsFile{f: f}, nil
}

// keepSends copies to kept the lines of path whose seq is below keep
// (every whole line, with all); a missing file keeps nothing.
func keepSends(path string, keep int, all bool, kept *bytes.Buffer) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, maxRecord)
	for sc.Scan() {
		var l struct {
			Seq *int `json:"seq"`
		}
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.Seq != nil && (all || *l.Seq < keep) {
			kept.Write(sc.Bytes())
			kept.WriteByte('\n')
		}
	}
	return sc.Err()
}

type sendsFile struct{ f *os.File }

func (l *sendsFile) Log(sd store.Send, r Result) error {
	b, err := marshalLine(sendLine{Seq: r.Seq, Send: sd})
	if err == nil {
		_, err = l.f.Write(b)
	}
	return err
}

func (l *sendsFile) Close() error { return l.f.Close() }
