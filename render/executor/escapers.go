package executor

import (
	"fmt"

	"github.com/tailor-email/tailor/render/internal/escape"
)

// lookupEscaper returns html/template's escaper called name, or nil.
func lookupEscaper(name string) func(any) string {
	e := escape.Lookup(name)
	if e == nil {
		return nil
	}
	return func(v any) string {
		s, ok := e(v)
		if !ok {
			panic("escaper cannot")
		}
		return s
	}
}

// lookupString returns the escaper called name for a plain string, or nil.
func lookupString(name string) func(string) string { return escape.LookupString(name) }

func evalArgs(args ...any) string { return fmt.Sprint(args...) }
