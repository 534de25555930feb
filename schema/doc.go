// Package schema types recipient data. A workspace's schema.yaml declares
// the profile fields: each with a type (string, int, float, decimal, bool,
// date, time, list<T>, object), whether it may be missing, a default and a
// description; nested fields have dotted names (address.city,
// orders.total). Its one job is to turn a profile as a source gives it (a
// CSV row of strings, a JSON object) into typed values, once, as it is
// read, and to say which values do not fit (Apply); for data without a
// schema, to propose one (Infer); and to audit how a source fits it (Audit,
// and a field's StandIns for finding rules decided by a missing value). A
// JSON decoder can type a profile as it reads it (Root, Child, Fit,
// Complete), with Apply for what it does not take.
//
// The Go values of the types, which rules and templates see:
//
//	string    string
//	int       int (within ±2^53, the integers a JSON number holds exactly)
//	float     float64
//	decimal   float64, from text of at most 15 significant digits, so the
//	          value prints back to the digits it was read from (see Decimal)
//	bool      bool
//	date      time.Time, midnight UTC of the day
//	time      time.Time
//	list<T>   []any of T
//	object    map[string]any
//
// A missing value is absent from the profile (rules see nil, templates
// print nothing): an empty CSV cell, a JSON null, an empty or blank
// string.
package schema
