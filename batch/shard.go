package batch

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/recipients"
)

// Shard is part I of N (0 <= I < N) of a recipient list, chosen by a
// stable hash of the recipient ID, so N machines given the same list and
// shards 0..N-1 cover every recipient exactly once without talking to each
// other. The zero Shard is the whole list.
type Shard struct{ I, N int }

// ParseShard reads "i/n".
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("shard %q: want i/n with 0 <= i < n, e.g. 0/4", s)
	}
	return Shard{I: i, N: n}, nil
}

// Has reports whether the recipient belongs to the shard. A record that
// could not be read has no ID; it belongs to the shard of its line, so
// exactly one shard reports it.
func (s Shard) Has(id string, rec recipients.Record) bool {
	if s.N <= 1 {
		return true
	}
	key := id
	if key == "" {
		key = rec.Where()
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	return h.Sum64()%uint64(s.N) == uint64(s.I)
}
