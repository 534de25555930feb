package validator

// The types below hold the AMP4EMAIL rules. tables_gen.go fills them from
// the official validator's protoascii files (see internal/gen); css_rules.go
// adds the style rules that live in a rules file the peers folder lacks.

// tagSpec is one allowed form of a tag (a tag name may have several).
type tagSpec struct {
	tagName             string // upper case, as in the rules
	specName            string
	descriptiveName     string
	mandatory           bool
	unique              bool
	explicitAttrsOnly   bool
	mandatoryParent     string
	mandatoryAncestor   string
	ancestorHint        string // mandatory_ancestor_suggested_alternative
	disallowedAncestors []string
	attrs               []attrSpec
	attrLists           []string
	specURL             string
	deprecation         string
	deprecationURL      string
	extension           *extensionSpec
	requiresExtension   []string
	childTags           *childTagSpec
	layout              *layoutSpec
	cdata               *cdataSpec
	satisfies           []string
	requires            []string
	referencePoints     []string
}

// attrSpec is one allowed attribute of a tag and the rules on its value.
type attrSpec struct {
	name                 string
	alternativeNames     []string
	mandatory            bool
	mandatoryOneof       string
	mandatoryAnyof       string
	values               []string // exact values (value)
	valuesCasei          []string // case-insensitive values (value_casei)
	valueRegex           string
	valueRegexCasei      string
	disallowedValueRegex string
	url                  *urlSpec
	dispatchKey          string // NAME_DISPATCH, NAME_VALUE_DISPATCH, ...
	alsoRequires         []string
	requiresExtension    []string
	deprecation          string
	triggerIfValueRegex  string
	triggerAlsoRequires  []string
	valueDocCSS          bool
	valueOneofSet        string
}

// urlSpec restricts the URLs an attribute may hold.
type urlSpec struct {
	protocols     []string
	allowRelative bool
	allowEmpty    bool
}

// extensionSpec marks a <script custom-element=...> tag.
type extensionSpec struct {
	name               string
	versions           []string
	deprecatedVersions []string
	requiresUsage      string // EXEMPTED, NONE or "" (usage required)
	extensionType      string // CUSTOM_ELEMENT (default), CUSTOM_TEMPLATE, HOST_SERVICE
}

// childTagSpec restricts a tag's element children.
type childTagSpec struct {
	childOneof      []string
	firstChildOneof []string
	mandatoryNum    int // -1 when unset
	mandatoryMinNum int // -1 when unset
}

// layoutSpec lists the AMP layouts a custom element supports.
type layoutSpec struct {
	supported            []string
	definesDefaultWidth  bool
	definesDefaultHeight bool
}

// cdataSpec restricts the text inside a tag.
type cdataSpec struct {
	maxBytes        int
	whitespaceOnly  bool
	mandatoryCdata  string
	cdataRegex      string
	disallowedRegex []cdataRegex
	css             bool // the text is a stylesheet checked by the CSS rules
}

// cdataRegex is one disallowed pattern in a tag's text.
type cdataRegex struct {
	regex   string
	message string
}
