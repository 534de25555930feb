package batch

import (
	"github.com/tailor-email/tailor/internal/bufpool"
	"github.com/tailor-email/tailor/message"
)

// encodeLine is the JSONL line of a result (message.AppendJSONL), in a
// buffer from lineBufs.
func encodeLine(r Result) []byte {
	l := line(r)
	n := len(l.HTML) + len(l.HTMLJSON) + len(l.Text) + len(l.AMP) + len(l.AMPJSON)
	return message.AppendJSONL(lineBufs.Get(n+n/16+512), &l)
}

// lineBufs recycles the buffers of written lines: a batch encodes lines in
// its workers and writes them in order, and allocating each line anew was
// a third of the bytes a recipient cost the garbage collector.
var lineBufs bufpool.Pool
