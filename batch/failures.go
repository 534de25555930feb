package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
)

// openFailures opens failures.jsonl for appending. keep < 0 starts it
// afresh; otherwise the records of the first keep results are kept and
// later ones (whose results a killed run never completed) dropped.
func openFailures(path string, keep int) (*os.File, error) {
	var kept bytes.Buffer
	if keep > 0 {
		if f, err := os.Open(path); err == nil {
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, maxRecord)
			for sc.Scan() {
				var rec FailureRecord
				if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Seq < keep {
					kept.Write(sc.Bytes())
					kept.WriteByte('\n')
				}
			}
			f.Close()
		}
	}
	if err := writeAtomic(path, kept.Bytes()); err != nil {
		return nil, err
	}
	return os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o644)
}

const maxRecord = 64 << 20
