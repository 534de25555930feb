package inline

import (
	"strings"
)

// maxVarDepth bounds var() resolution, so a cycle (--a: var(--b);
// --b: var(--a)) ends.
const maxVarDepth = 16

// customProps returns the custom properties an element sees: those it
// inherits in env, overridden by its own winning declarations, each with
// its var() references already resolved. env itself is never changed.
func customProps(es []styled, env map[string]string) map[string]string {
	var own map[string]string
	for _, e := range es {
		if !strings.HasPrefix(e.d.prop, "--") {
			continue
		}
		if own == nil {
			own = make(map[string]string, len(env)+4)
			for k, v := range env {
				own[k] = v
			}
		}
		own[e.d.prop] = resolveVars(e.d.value, own, 0)
	}
	if own == nil {
		return env
	}
	return own
}

// resolveVars replaces each var(--name[, fallback]) in value by the value
// of --name in env, else by its fallback. A reference with neither is
// left as written, so the client can still resolve it.
func resolveVars(value string, env map[string]string, depth int) string {
	lower := strings.ToLower(value)
	at := strings.Index(lower, "var(")
	if at < 0 || depth > maxVarDepth {
		return value
	}
	end := closingParen(value, at+3)
	if end < 0 {
		return value
	}
	name, fallback, hasFallback := strings.Cut(value[at+4:end], ",")
	name = strings.TrimSpace(name)
	repl := value[at : end+1]
	if v, ok := env[name]; ok {
		repl = resolveVars(v, env, depth+1)
	} else if hasFallback {
		repl = resolveVars(strings.TrimSpace(fallback), env, depth+1)
	}
	return value[:at] + repl + resolveVars(value[end+1:], env, depth)
}

// closingParen returns the offset of the ) that closes the ( at open, or
// -1.
func closingParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
