package schema

import (
	"fmt"
)

// Inferred is the schema an Inferrer proposes, and why.
type Inferred struct {
	Schema *Schema
	// Reasons say, per field name, why it has its type and why it is
	// optional: "int: all 15 values are whole numbers; missing in 5 of 20
	// records".
	Reasons map[string]string
	// Left are the fields no type fits, with why: they are kept as read.
	Left []string
	// Records is how many records it read.
	Records int
}

// Infer returns the schema the records added so far have.
func (in *Inferrer) Infer() (*Inferred, error) {
	out := &Inferred{Reasons: map[string]string{}, Records: in.records}
	var fields []*Field
	if in.root != nil {
		in.build(in.root, true, &fields, out)
	}
	s, err := New(fields)
	if err != nil {
		return nil, fmt.Errorf("inferred schema: %w", err)
	}
	out.Schema = s
	return out, nil
}

// build adds the fields of the object stat s, depth first.
func (in *Inferrer) build(s *stat, top bool, fields *[]*Field, out *Inferred) {
	for _, k := range s.order {
		c := s.children[k]
		t, why, ok := in.decide(c, top)
		if !ok {
			out.Left = append(out.Left, c.name+": "+why)
			continue
		}
		f := &Field{Name: c.name, Type: t, Optional: in.AllOptional || c.n < c.parents}
		reason := t.String() + ": " + why
		if c.n < c.parents {
			reason += "; missing in " + count(c.parents-c.n) + " of " + count(c.parents)
			if top {
				reason += " records"
			} else {
				reason += " " + s.name + " values"
			}
		}
		out.Reasons[f.Name] = reason
		*fields = append(*fields, f)
		if t.Base().Kind == Object {
			in.build(elemOf(c, t), false, fields, out)
		}
	}
}

// elemOf is the stat of the objects of a type: c itself, or its
// elements' for a list.
func elemOf(c *stat, t Type) *stat {
	for t.Kind == List && c.elem != nil {
		c, t = c.elem, *t.Elem
	}
	return c
}

// decide picks a field's type; ok is false when none fits.
func (in *Inferrer) decide(c *stat, top bool) (t Type, why string, ok bool) {
	m := c.n
	switch {
	case top && c.name == in.IDField && in.IDField != "":
		return Of(String), "the recipient ID (id_field), always a string", true
	case m == 0:
		return Of(String), "no values to infer from", true
	case c.objects == m:
		return Of(Object), share(m, m, "objects", "an object"), true
	case c.lists == m:
		if c.elem == nil || c.elem.n == 0 {
			return ListOf(Of(String)), "every list is empty", true
		}
		et, ewhy, ok := in.decide(c.elem, false)
		return ListOf(et), share(m, m, "lists", "a list") + "; of their elements, " + ewhy, ok
	case c.objects+c.lists > 0:
		return Type{}, "its values are of several kinds (objects or lists, and text or numbers); kept as read", false
	}
	return c.scalarType()
}

// scalarType is the most specific type every scalar value of c has.
func (c *stat) scalarType() (Type, string, bool) {
	m := c.n
	candidates := []struct {
		kind     Kind
		k        int
		are, isA string
	}{
		{Bool, c.counts[Bool], "yes or no (or true or false)", "yes or no (or true or false)"},
		{Int, c.counts[Int], "whole numbers", "a whole number"},
		{Float, c.counts[Float], "numbers (declare money as decimal)", "a number (declare money as decimal)"},
		{Date, c.counts[Date], "dates (YYYY-MM-DD)", "a date (YYYY-MM-DD)"},
		{Time, c.counts[Time], "times", "a time"},
	}
	for _, cand := range candidates {
		if cand.k == m && (cand.kind != Bool || c.words > 0) {
			return Of(cand.kind), share(m, m, cand.are, cand.isA), true
		}
	}
	if c.strs < m {
		return Type{}, "its values are of several kinds (numbers or booleans, and text); kept as read", false
	}
	best := -1
	for i, cand := range candidates {
		if cand.k*2 >= m && cand.k > 0 && (best < 0 || cand.k > candidates[best].k) {
			best = i
		}
	}
	if best < 0 {
		return Of(String), share(m, m, "text", "text"), true
	}
	cand := candidates[best]
	miss := c.miss[cand.kind]
	return Of(String), fmt.Sprintf("%s, not %s (%s)", share(cand.k, m, cand.are, cand.isA), describe(miss.value), miss.where), true
}
