package schema

import (
	"fmt"
	"strings"
)

// Kind is what a type is made of.
type Kind int

// The kinds of the schema's types.
const (
	String Kind = iota + 1
	Int
	Float
	Decimal
	Bool
	Date
	Time
	List
	Object
)

var kindNames = map[Kind]string{
	String: "string", Int: "int", Float: "float", Decimal: "decimal", Bool: "bool",
	Date: "date", Time: "time", List: "list", Object: "object",
}

func (k Kind) String() string { return kindNames[k] }

// Type is a field's type: a kind and, for a list, the type of its elements.
type Type struct {
	Kind Kind
	Elem *Type // the element type of a list; nil otherwise
}

// Of returns the type of a kind with no element type.
func Of(k Kind) Type { return Type{Kind: k} }

// ListOf returns list<elem>.
func ListOf(elem Type) Type { return Type{Kind: List, Elem: &elem} }

// String spells the type as schema.yaml does: "int", "list<object>".
func (t Type) String() string {
	if t.Kind == List && t.Elem != nil {
		return "list<" + t.Elem.String() + ">"
	}
	return t.Kind.String()
}

// Base is the type past any lists: object for list<list<object>>.
func (t Type) Base() Type {
	for t.Kind == List && t.Elem != nil {
		t = *t.Elem
	}
	return t
}

// article is the type with "a" or "an", for messages: "an int".
func (t Type) article() string {
	s := t.String()
	if strings.ContainsAny(s[:1], "aeiou") {
		return "an " + s
	}
	return "a " + s
}

// maxTypeDepth bounds how deeply list<...> nests in one type.
const maxTypeDepth = 8

// ParseType parses a type as schema.yaml spells it: string, int, float,
// decimal, bool, date, time, object, or list<T> of any of them.
func ParseType(s string) (Type, error) {
	return parseType(strings.TrimSpace(s), 0)
}

func parseType(s string, depth int) (Type, error) {
	if inner, ok := strings.CutPrefix(s, "list<"); ok {
		inner, ok = strings.CutSuffix(inner, ">")
		if !ok || depth >= maxTypeDepth {
			return Type{}, fmt.Errorf("type %q: want list<T> with T a type, nested at most %d deep", s, maxTypeDepth)
		}
		elem, err := parseType(strings.TrimSpace(inner), depth+1)
		if err != nil {
			return Type{}, err
		}
		return ListOf(elem), nil
	}
	for k, name := range kindNames {
		if s == name && k != List {
			return Of(k), nil
		}
	}
	return Type{}, fmt.Errorf("unknown type %q (want string, int, float, decimal, bool, date, time, object or list<T>)", s)
}
