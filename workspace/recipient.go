package workspace

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/segment"
)

// RecipientID returns the recipient's ID: the IDField of the profile, else
// its normalized address (trimmed, in lower case). A number keeps its
// digits: a json.Number (the recipients package reads an ID that way) is
// its text, and an integral float64 within 2^53 prints without an
// exponent, 1234567 and not 1.234567e+06, so both give the same ID.
func (c *Config) RecipientID(p segment.Profile) string {
	switch v := p[c.IDField].(type) {
	case string:
		return v // what fmt.Sprint gives, without its cost
	case json.Number:
		return string(v)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) <= 1<<53 {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return fmt.Sprint(v)
	case nil:
	default:
		return fmt.Sprint(v)
	}
	if v, ok := p[c.EmailField].(string); ok {
		return strings.ToLower(strings.TrimSpace(v))
	}
	return ""
}
