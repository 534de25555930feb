package templates

import (
	"reflect"

	"bytes"
	"github.com/Masterminds/sprig/v3"
	"strings"
	"testing"
	"text/template"
	"time"
)

func execute(t *testing.T, src string, data any) (string, error) {
	t.Helper()
	paris, _ := time.LoadLocation("Europe/Paris")
	fm := Funcs(Defaults{Locale: "en-US", Currency: "USD", TimeZone: paris, UTM: map[string]string{"source": "tailor", "medium": "email"}})
	tm, err := template.New("t").Funcs(fm).Parse(src)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	err = tm.Execute(&b, data)
	return b.String(), err
}

func TestFuncs(t *testing.T) {
	tests := []struct{ src, want string }{
		{`{{ "Zoë Ångström-Øresund" | truncate 6 }}`, "Zoë Å…"},
		{`{{ "héllo" | truncate 5 }}`, "héllo"},
		{`{{ "日本語のテキスト" | truncate 4 }}`, "日本語…"},
		{`{{ "abc" | trunc 2 }}`, "a…"},
		{`{{ money 1234.5 }}`, "$1,234.50"},
		{`{{ money -3 }}`, "-$3.00"},
		{`{{ money 1234.5 "EUR" "de-DE" }}`, "1.234,50\u00a0€"},
		{`{{ money 1234567 "JPY" "ja-JP" }}`, "¥1,234,567"},
		{`{{ money "19.9" "GBP" "en-GB" }}`, "£19.90"},
		{`{{ formatDate "2026-10-20T23:30:00Z" "2 January 2006 15:04" }}`, "21 October 2026 01:30"},
		{`{{ formatDate "2026-03-05" "2. January 2006" "UTC" "de-DE" }}`, "5. März 2026"},
		{`{{ link "https://shop.example/new?ref=x#top" "hero" }}`, "https://shop.example/new?ref=x&utm_content=hero&utm_medium=email&utm_source=tailor#top"},
		{`{{ link "https://shop.example/?utm_source=partner" }}`, "https://shop.example/?utm_medium=email&utm_source=partner"},
		{`{{ link "mailto:help@shop.example" }}`, "mailto:help@shop.example"},
		{`{{ .missing | default "there" }}`, "there"},
	}
	for _, tt := range tests {
		got, err := execute(t, tt.src, map[string]any{})
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestFuncsRefuseUnsafe(t *testing.T) {
	for _, name := range []string{"env", "expandenv", "getHostByName", "randAlphaNum", "randInt", "uuidv4",
		"genPrivateKey", "sha256sum", "bcrypt", "encryptAES", "now", "ago", "set", "unset", "merge",
		"mergeOverwrite", "append", "push", "repeat", "until", "untilStep", "seq", "shuffle", "deepCopy"} {
		if _, ok := Funcs(Defaults{})[name]; ok {
			t.Errorf("%s is in the function set", name)
		}
		if _, err := execute(t, "{{ "+name+" }}", nil); err == nil || !strings.Contains(err.Error(), "not defined") {
			t.Errorf("calling %s: err = %v, want not defined", name, err)
		}
	}
}

func TestFuncErrors(t *testing.T) {
	for _, src := range []string{`{{ money "abc" }}`, `{{ formatDate "yesterday" "2006" }}`, `{{ money nil }}`} {
		if _, err := execute(t, src, nil); err == nil {
			t.Errorf("%s: want an error", src)
		}
	}
}

// TestDefaultMatchesSprig pins tailor's default to sprig's behaviour.
func TestDefaultMatchesSprig(t *testing.T) {
	sprigDefault := sprig.TxtFuncMap()["default"].(func(any, ...any) any)
	for _, v := range []any{nil, "", "x", 0.0, 1.5, 0, 3, false, true, []any{}, []any{1}, map[string]any{}, map[string]any{"a": 1}, (*int)(nil)} {
		if got, want := dflt("d", v), sprigDefault("d", v); !reflect.DeepEqual(got, want) {
			t.Errorf("default %#v = %#v, sprig gives %#v", v, got, want)
		}
	}
}
