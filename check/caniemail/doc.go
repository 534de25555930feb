// Package caniemail embeds caniemail.com's data on which email clients
// support which HTML and CSS features, and maps the names a document uses
// (CSS properties, at-rules, selectors, functions, units, HTML elements and
// attributes, image formats) to those features.
//
// The data is a trimmed copy of github.com/hteumeuleu/caniemail (MIT,
// Copyright (c) 2019 Rémi Parmentier), regenerated with "go generate"
// from the caniemail JSON in the peers folder; License returns the notice.
package caniemail

//go:generate go run ./internal/gen -out data.json
