package templates

import (
	"fmt"
	"maps"
	"net/url"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/Masterminds/sprig/v3"
)

// sprigAllowed names the sprig functions a template may call. Everything
// else (env, expandenv, getHostByName, random and crypto functions, now and
// ago, functions that mutate their arguments, and functions whose output
// size a template controls, like repeat and until) is left out.
var sprigAllowed = []string{
	// strings
	"trim", "trimAll", "trimPrefix", "trimSuffix", "upper", "lower", "title", "untitle",
	"substr", "nospace", "initials", "wrap", "wrapWith", "contains", "hasPrefix",
	"hasSuffix", "quote", "squote", "cat", "replace", "plural", "snakecase", "camelcase",
	"kebabcase", "swapcase", "trimall", "abbrev",
	// defaults and logic
	"default", "empty", "coalesce", "ternary", "all", "any",
	// conversions
	"toString", "toStrings", "atoi", "int", "int64", "float64", "toDecimal",
	// maths
	"add", "add1", "sub", "mul", "div", "mod", "max", "min", "floor", "ceil", "round",
	"addf", "subf", "mulf", "divf", "maxf", "minf",
	// lists and dicts (all return new values)
	"list", "first", "rest", "last", "initial", "has", "uniq", "without", "compact",
	"reverse", "sortAlpha", "join", "split", "splitList", "slice", "concat",
	"dict", "get", "hasKey", "keys", "values", "pick", "omit", "pluck", "dig",
	// dates (from values, never the wall clock)
	"date", "dateInZone", "duration", "durationRound", "toDate", "unixEpoch", "htmlDate", "htmlDateInZone",
	// encodings and regexps
	"toJson", "toPrettyJson", "b64enc", "b64dec", "regexMatch", "regexFind",
	"regexReplaceAll", "regexReplaceAllLiteral", "regexSplit", "regexQuoteMeta",
	// flow
	"fail",
}

// Defaults configures the tailor functions that take an optional locale,
// currency, time zone or UTM set.
type Defaults struct {
	Locale   string            // BCP 47 tag, e.g. "en-US"
	Currency string            // ISO 4217 code, e.g. "USD"
	TimeZone *time.Location    // nil means UTC
	UTM      map[string]string // utm_* parameters added by link, e.g. "source": "tailor"
	// Track, when set, is the prefix of a click redirect: link writes it
	// before the URL it made, QueryEscaped (workspace.Config.ClickPrefix).
	Track string
}

// Funcs returns the function set every tailor template sees.
func Funcs(d Defaults) map[string]any {
	all := sprig.TxtFuncMap()
	fm := make(map[string]any, len(sprigAllowed)+8)
	for _, name := range sprigAllowed {
		f, ok := all[name]
		if !ok {
			panic("templates: sprig has no function " + name)
		}
		fm[name] = f
	}
	if d.TimeZone == nil {
		d.TimeZone = time.UTC
	}
	maps.Copy(fm, map[string]any{
		"truncate":   truncate,
		"trunc":      truncate,
		"money":      d.money,
		"formatDate": d.formatDate,
		"link":       d.link,
		"tailorText": textValue,
		"default":    dflt,
		"mustache":   mustache,
	})
	return fm
}

// truncate shortens s to at most n runes, ending with "…" when cut. It
// takes (n, s) so it reads well in a pipeline: {{ .Profile.bio | truncate 40 }}.
func truncate(n int, s any) string {
	v := textValue(s)
	str, ok := v.(string)
	if !ok {
		str = fmt.Sprint(v)
	}
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(str) <= n {
		return str
	}
	i, count := 0, 0
	for j := range str {
		if count == n-1 {
			i = j
			break
		}
		count++
	}
	return strings.TrimRight(str[:i], " ") + "…"
}

// mustache writes an amp-mustache tag for an AMP part: {{ mustache "name" }}
// gives {{name}}, which AMP fills in the inbox. It only takes constants in
// practice: recipient data never becomes mustache syntax.
func mustache(tag string) string { return "{{" + tag + "}}" }

// dflt is sprig's default without its variadic signature, which costs an
// allocation per call: {{ .Profile.first_name | default "there" }} gives
// "there" when the value is missing, nil, empty or zero.
func dflt(d, given any) any {
	if empty(given) {
		return d
	}
	return given
}

// empty is sprig's notion of an empty value.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case float64:
		return x == 0
	case int:
		return x == 0
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return rv.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return rv.IsNil()
	case reflect.Struct:
		return false
	}
	return rv.IsZero()
}

// textValue turns a missing value into "" so text output never shows
// "<no value>". The engine appends it to every output action of a text
// template.
func textValue(v any) any {
	if v == nil {
		return ""
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return ""
	}
	return v
}

// link adds the workspace's UTM parameters to a URL, keeping any it already
// has, plus utm_content when given: {{ link "https://shop.example/new" "hero" }}.
// With click tracking (Defaults.Track) it wraps the result in the redirect.
func (d Defaults) link(raw string, content ...string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// Not a URL we can add to: leave it as it is. The template's URL
		// escaping still applies, so a hostile value cannot do harm.
		return raw, nil
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return raw, nil
	}
	q := u.Query()
	for k, v := range d.UTM {
		if k = "utm_" + k; q.Get(k) == "" {
			q.Set(k, v)
		}
	}
	if len(content) > 0 && content[0] != "" && q.Get("utm_content") == "" {
		q.Set("utm_content", content[0])
	}
	u.RawQuery = q.Encode()
	if d.Track != "" {
		return d.Track + url.QueryEscape(u.String()), nil
	}
	return u.String(), nil
}
