package validator

import (
	"strings"
	"testing"
)

// productDoc is a realistic AMP part of about 20 KB: a stylesheet, a
// carousel of product cards and a live list.
func productDoc() []byte {
	head := `<script async custom-element="amp-carousel" src="https://cdn.ampproject.org/v0/amp-carousel-0.2.js"></script>
<script async custom-element="amp-list" src="https://cdn.ampproject.org/v0/amp-list-0.1.js"></script>
<script async custom-template="amp-mustache" src="https://cdn.ampproject.org/v0/amp-mustache-0.2.js"></script>
<style amp-custom>.card{padding:8px;border:1px solid #eee;border-radius:4px}.card h3{font-size:16px;margin:0}
.price{color:#c00;font-weight:bold}@media (max-width:600px){.card{padding:4px}}</style>`
	var b strings.Builder
	b.WriteString(`<amp-carousel width="600" height="400" layout="responsive" type="slides">`)
	for i := 0; i < 55; i++ {
		b.WriteString(`<div class="card"><amp-img src="https://cdn.example.com/p/shoe.jpg" width="300" height="200" layout="responsive" alt="Shoe"></amp-img>
<h3>Trail runner</h3><p class="price" style="color: #c00">$89.00</p><a href="https://shop.example.com/p/1?utm_source=email">Buy</a></div>`)
	}
	b.WriteString(`</amp-carousel><amp-list src="https://shop.example.com/api/stock.json" layout="fixed-height" height="120">
<template type="amp-mustache"><p>{{name}}: {{stock}} left</p></template></amp-list>`)
	return []byte(emailDoc(head, b.String()))
}

func TestProductDocPasses(t *testing.T) {
	if res := Validate(productDoc()); !res.Pass || len(res.Errors) != 0 {
		t.Fatalf("benchmark document should be valid:\n%s", errorLines(res))
	}
}

func BenchmarkValidate(b *testing.B) {
	doc := productDoc()
	Validate(doc) // build the rules outside the timing
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Validate(doc)
	}
}
