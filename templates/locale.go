package templates

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// numberFormat is how a locale writes numbers and money.
type numberFormat struct {
	group, decimal string
	symbolAfter    bool // "12,50 €" rather than "€12.50"
}

var numberFormats = map[string]numberFormat{
	"en": {",", ".", false},
	"de": {".", ",", true},
	"fr": {"\u202f", ",", true},
	"es": {".", ",", true},
	"it": {".", ",", true},
	"nl": {".", ",", false},
	"pt": {".", ",", false},
	"sv": {"\u00a0", ",", true},
	"ja": {",", ".", false},
}

var currencySymbols = map[string]string{
	"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CHF": "CHF", "SEK": "kr",
	"CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "INR": "₹", "BRL": "R$", "CNY": "¥",
}

var zeroDecimals = map[string]bool{"JPY": true, "KRW": true}

// language returns the language subtag of a BCP 47 tag ("de-AT" -> "de").
func language(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

func formatFor(locale string) numberFormat {
	if f, ok := numberFormats[language(locale)]; ok {
		return f
	}
	return numberFormats["en"]
}

// money formats an amount in a currency and locale:
// {{ money 1234.5 }} -> "$1,234.50"; {{ money .Profile.total "EUR" "de-DE" }} -> "1.234,50 €".
func (d Defaults) money(amount any, opts ...string) (string, error) {
	v, err := toFloat(amount)
	if err != nil {
		return "", fmt.Errorf("money: %w", err)
	}
	cur, loc := d.Currency, d.Locale
	if len(opts) > 0 && opts[0] != "" {
		cur = strings.ToUpper(opts[0])
	}
	if len(opts) > 1 && opts[1] != "" {
		loc = opts[1]
	}
	if cur == "" {
		cur = "USD"
	}
	decimals := 2
	if zeroDecimals[cur] {
		decimals = 0
	}
	f := formatFor(loc)
	num := formatNumber(math.Abs(v), decimals, f)
	sym, ok := currencySymbols[cur]
	if !ok {
		sym = cur
	}
	sign := ""
	if v < 0 {
		sign = "-"
	}
	if f.symbolAfter {
		return sign + num + "\u00a0" + sym, nil
	}
	return sign + sym + num, nil
}

func formatNumber(v float64, decimals int, f numberFormat) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(f.group)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(f.decimal)
		b.WriteString(frac)
	}
	return b.String()
}

func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case string:
		return strconv.ParseFloat(strings.TrimSpace(x), 64)
	case nil:
		return 0, fmt.Errorf("no amount")
	}
	return 0, fmt.Errorf("not a number: %T", v)
}

var monthNames = map[string][12]string{
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	"nl": {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	"it": {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
}

// formatDate formats a time (a time.Time, or an RFC 3339 or YYYY-MM-DD
// string) with a Go layout, in a time zone and locale:
// {{ formatDate .Profile.last_purchase_at "2 January 2006" }},
// {{ formatDate .Now "2 January 2006" "Europe/Paris" "fr-FR" }}.
// Month names are translated for de, fr, es, nl and it.
func (d Defaults) formatDate(v any, layout string, opts ...string) (string, error) {
	t, err := toTime(v)
	if err != nil {
		return "", fmt.Errorf("formatDate: %w", err)
	}
	zone, loc := d.TimeZone, d.Locale
	if len(opts) > 0 && opts[0] != "" {
		if zone, err = time.LoadLocation(opts[0]); err != nil {
			return "", fmt.Errorf("formatDate: %w", err)
		}
	}
	if len(opts) > 1 && opts[1] != "" {
		loc = opts[1]
	}
	t = t.In(zone)
	out := t.Format(layout)
	if names, ok := monthNames[language(loc)]; ok && strings.Contains(layout, "January") {
		out = strings.Replace(out, t.Month().String(), names[t.Month()-1], 1)
	}
	return out, nil
}

func toTime(v any) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		return x, nil
	case string:
		for _, layout := range []string{time.RFC3339Nano, time.DateOnly, "2006-01-02 15:04:05"} {
			if t, err := time.Parse(layout, strings.TrimSpace(x)); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("not a date: %q", x)
	case nil:
		return time.Time{}, fmt.Errorf("no date")
	}
	return time.Time{}, fmt.Errorf("not a date: %T", v)
}
