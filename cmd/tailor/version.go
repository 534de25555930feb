package main

import (
	"runtime/debug"
	"strings"
)

// version says which tailor this is, from what the go command recorded in
// the binary: the module's version ("(devel)" for a build of a checkout
// without a tag), the commit and whether the tree had changes when the
// go command stamped them, and the Go version, e.g.
// "v0.0.0-20261203160000-44fa95790e5c+dirty go1.26.8".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	parts := []string{v}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" && !strings.Contains(v, rev[:min(12, len(rev))]) {
		if modified == "true" {
			rev += "+modified"
		}
		parts = append(parts, rev)
	}
	return strings.Join(append(parts, info.GoVersion), " ")
}
