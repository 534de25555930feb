package batch

import (
	"os"
	"runtime/debug"
)

// GCPercent is the garbage collector's target that TuneGC sets.
const GCPercent = 400

// TuneGC sets the garbage collector's target to GCPercent, unless the
// GOGC environment variable chooses one. A batch keeps a few megabytes
// live and allocates every message anew, so at Go's default (100) the
// collector runs every few hundred recipients. At 400 it runs a quarter as
// often, for some tens of megabytes more whatever the number of
// recipients. Commands call it before a batch; Run does not, since the
// setting is the whole process's.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
}
