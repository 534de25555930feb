package throughput

import (
	"fmt"
	"runtime"
	"time"

	"github.com/tailor-email/tailor/render"
)

// LoadResult is one timed load of a generated workspace.
type LoadResult struct {
	Spec      Spec
	Modules   int           // the modules the workspace has in all
	Wall, CPU time.Duration // of render.Load
}

// String formats a result for people.
func (r LoadResult) String() string {
	return fmt.Sprintf("load %4d modules + %3d slots (%4d modules in all)  %7.0f ms wall  %7.0f ms CPU  %5.2f ms CPU a module",
		r.Spec.Modules, r.Spec.Slots, r.Modules, ms(r.Wall), ms(r.CPU), ms(r.CPU)/float64(r.Modules))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1e3 }

// MeasureLoad times render.Load of the workspace spec generates.
func MeasureLoad(spec Spec) (LoadResult, error) {
	ws, err := Generated(spec)
	if err != nil {
		return LoadResult{}, err
	}
	runtime.GC()
	cpu0, start := CPUTime(), time.Now()
	c, err := render.Load(ws)
	if err != nil {
		return LoadResult{}, fmt.Errorf("loading %+v: %w", spec, err)
	}
	return LoadResult{Spec: spec, Modules: len(c.Library.All()), Wall: time.Since(start), CPU: CPUTime() - cpu0}, nil
}
