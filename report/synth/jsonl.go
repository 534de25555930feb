package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSONL writes the records in the send log's file form: a send a
// line of sends, every outcome a line of outcomes (sends.jsonl and
// outcomes.jsonl, as store.JoinFiles reads them).
func (c Config) WriteJSONL(sends, outcomes io.Writer) error {
	sw, ow := bufio.NewWriter(sends), bufio.NewWriter(outcomes)
	se, oe := json.NewEncoder(sw), json.NewEncoder(ow)
	for r, err := range c.Records() {
		if err != nil {
			return err
		}
		if err := se.Encode(r.Send); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		for _, o := range r.Outcomes {
			if err := oe.Encode(o); err != nil {
				return fmt.Errorf("synth: %w", err)
			}
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if err := ow.Flush(); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}
