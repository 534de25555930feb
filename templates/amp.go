package templates

import "fmt"

// AMPValidateEach is the front matter's amp: {validate: each}: every
// recipient's AMP part is validated in full.
const AMPValidateEach = "each"

// ampOption reads an email's amp front matter: true or false, or
// {validate: each | once}, which says true. It returns whether the email
// has an AMP part and how to validate it ("" for once).
func ampOption(v any) (on bool, validate string, err error) {
	switch v := v.(type) {
	case nil:
		return false, "", nil
	case bool:
		return v, "", nil
	case map[string]any:
		for k, x := range v {
			if k != "validate" {
				return false, "", fmt.Errorf("amp: unknown option %q (want validate)", k)
			}
			switch x {
			case AMPValidateEach:
				validate = AMPValidateEach
			case "once":
			default:
				return false, "", fmt.Errorf("amp: validate: want each or once, got %v", x)
			}
		}
		return true, validate, nil
	}
	return false, "", fmt.Errorf("amp: want true, false or {validate: each}, got %v", v)
}
