package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// Now is the example workspace's clock (tailor.yaml's now); profiles made
// for it fall into the segments their archetype names.
var Now = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// Archetypes are the kinds of recipient Profile cycles through, in order:
// recipient i is Archetypes[i%len(Archetypes)].
var Archetypes = []string{
	"new", "recent_purchaser", "abandoned_cart", "loyal", "high_value",
	"premium_engaged", "dormant", "churn_risk", "likely_to_churn", "recommended",
}

var firstNames = []string{"Ana", "Ben", "Chloé", "Dev", "Eve", "", "Grüße & <Greta>", "Hiro", "Zoë", "O'Brien"}

var products = []string{"Relaxed selvedge denim, indigo rinse wash", "Ribbed beanie", "Linen shirt", "Atelier wool coat", "Cashmere gloves"}

// Profile returns recipient i's profile at clock now: an ID "s-<i>", an
// address, and the fields of archetype i%len(Archetypes), with details
// varied by a generator seeded with i.
func Profile(i int, now time.Time) map[string]any {
	r := rand.New(rand.NewPCG(uint64(i), 0x7a11))
	day := func(d float64) string {
		return now.Add(-time.Duration(d * 24 * float64(time.Hour))).Format(time.RFC3339)
	}
	p := map[string]any{
		"id":               fmt.Sprintf("s-%07d", i),
		"email":            fmt.Sprintf("user%d@example.com", i),
		"locale":           "en-US",
		"last_activity_at": day(1 + r.Float64()*20),
		"emails":           emails(r, 1+r.IntN(3), false, day),
	}
	if name := firstNames[r.IntN(len(firstNames))]; name != "" {
		p["first_name"] = name
	}
	kind := Archetypes[i%len(Archetypes)]
	switch kind {
	case "recent_purchaser":
		p["last_purchase_at"] = day(2 + r.Float64()*25)
		p["orders"] = orders(r, 1, 5, 60, day)
	case "abandoned_cart":
		p["cart_updated_at"] = day(0.1 + r.Float64())
		p["cart"] = cart(r)
	case "loyal":
		p["last_purchase_at"] = day(40 + r.Float64()*20)
		p["orders"] = orders(r, 5+r.IntN(4), 40, 300, day)
		p["loyalty_points"] = 100 + r.IntN(900)
	case "high_value", "premium_engaged":
		p["last_purchase_at"] = day(1 + r.Float64()*10)
		p["orders"] = orders(r, 2, 1, 60, day)
		p["orders"].([]map[string]any)[0]["total"] = 500 + r.IntN(300)
		if kind == "premium_engaged" {
			p["views"] = []map[string]any{{"product": "atelier-coat", "tags": []string{"outerwear", "premium"}}}
			p["emails"] = emails(r, 5, true, day)
		}
	case "dormant":
		p["last_activity_at"] = day(100 + r.Float64()*200)
	case "churn_risk":
		p["churn_risk"] = 0.7 + r.Float64()*0.3
	case "likely_to_churn": // what the example's churn model scores high: one old order, unopened emails
		p["last_purchase_at"] = day(200 + r.Float64()*100)
		p["orders"] = orders(r, 1, 200, 300, day)
		p["emails"] = emails(r, 1+r.IntN(3), false, day)
	case "recommended":
		p["recommendations"] = recommendations(r)
	}
	if r.IntN(3) == 0 {
		p["next_best_product"] = map[string]any{"name": products[r.IntN(len(products))], "url": "https://shop.example/p/nbp?ref=a&b=c"}
	}
	return p
}

func emails(r *rand.Rand, n int, opened bool, day func(float64) string) []map[string]any {
	out := make([]map[string]any, n)
	for k := range out {
		out[k] = map[string]any{"sent_at": day(float64(7 * (n - k))), "opened": opened || r.IntN(2) == 0}
	}
	return out
}

// orders makes n orders, the newest minAge days ago, spread over maxAge days.
func orders(r *rand.Rand, n int, minAge, maxAge float64, day func(float64) string) []map[string]any {
	out := make([]map[string]any, n)
	for k := range out {
		age := minAge + float64(k)*(maxAge-minAge)/float64(n)
		out[k] = map[string]any{"at": day(age), "total": 20 + r.IntN(200)}
	}
	return out
}

func cart(r *rand.Rand) []map[string]any {
	out := make([]map[string]any, 1+r.IntN(3))
	for k := range out {
		out[k] = map[string]any{"name": products[r.IntN(len(products))], "price": 15 + r.IntN(150)}
	}
	return out
}

func recommendations(r *rand.Rand) []map[string]any {
	out := make([]map[string]any, 2+r.IntN(2))
	for k := range out {
		out[k] = map[string]any{"name": products[r.IntN(len(products))], "url": "https://shop.example/p/rec", "image": "https://shop.example/i/rec.jpg", "price": 30 + r.IntN(100)}
	}
	return out
}

// WriteJSONL writes profiles from..to-1 as JSONL, one per line.
func WriteJSONL(w io.Writer, from, to int, now time.Time) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	for i := from; i < to; i++ {
		if err := enc.Encode(Profile(i, now)); err != nil {
			return fmt.Errorf("synth: recipient %d: %w", i, err)
		}
	}
	return bw.Flush()
}
