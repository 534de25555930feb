package css

import "strconv"

// String returns the name of a kind, as the constant is named.
func (k Kind) String() string {
	names := [...]string{"Invalid", "Ident", "Function", "AtKeyword", "Hash", "String", "BadString", "URL", "BadURL",
		"Delim", "Number", "Percentage", "Dimension", "UnicodeRange", "Match", "Column", "Space", "CDO", "CDC",
		"Colon", "Semicolon", "Comma", "LeftBracket", "RightBracket", "LeftParen", "RightParen", "LeftBrace",
		"RightBrace", "Comment"}
	if int(k) < len(names) {
		return names[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}
