package layers

import "strings"

// Stage is a step of the pipeline; a package may import packages of its
// stage or a lower one.
type Stage int

// The stages, bottom up (see the package comment).
const (
	Lib Stage = iota
	Workspace
	Engine
	Output
	App
	Cmd
)

var stageNames = [...]string{"lib", "workspace", "engine", "output", "app", "cmd"}

func (s Stage) String() string { return stageNames[s] }

// Module is the import path of the tailor module.
const Module = "github.com/tailor-email/tailor"

// stages places each package by the longest folder prefix that names it.
var stages = map[string]Stage{
	"internal": Lib, "inline": Lib, "text": Lib, "amp": Lib, "mime": Lib,
	"smtp": Lib, "templates": Lib, "modules": Lib, "segment": Lib,
	"recipients": Lib, "schema": Lib, "store": Lib, "esp": Lib,
	"sendtime": Lib, "model": Lib,
	"workspace": Workspace,
	"render":    Engine,
	"message":   Output, "check": Output, "golden": Output, "reload": Output, "unsubscribe": Output,
	"report": Output, "track": Output,
	"trigger": Output,
	"batch":   App, "serve": App, "preview": App,
	"cmd": Cmd, "scripts": Cmd,
	"examples": Lib, // the example workspace as data
}

// Of returns the stage of a package of the module, given its import path
// relative to the module ("render/executor"), and false for a package no
// stage names.
func Of(rel string) (Stage, bool) {
	for p := rel; p != "."; {
		if s, ok := stages[p]; ok {
			return s, true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 0, false
}

// Forbidden lists, for a package folder, the folders it must not depend
// on even indirectly, whatever their stage.
var Forbidden = map[string][]string{
	"workspace": {"segment/source", "smtp"}, // sections their commands decode
	"render":    {"serve", "preview", "batch", "mime", "smtp", "message", "segment/source"},
	"serve":     {"batch"},
	"preview":   {"batch"},
}
