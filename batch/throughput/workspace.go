package throughput

import (
	"fmt"
	"io/fs"
	"strings"
	"testing/fstest"

	"github.com/tailor-email/tailor/examples/shop"
)

// Unused is how many segments Generated adds that no synthetic recipient
// is in (the profiles have no region); generated modules target them.
const Unused = 10

// Spec describes a generated workspace: the example shop with more
// modules and slots.
type Spec struct {
	// Modules adds modules to the newsletter's products slot, each
	// targeting one of the Unused segments, with a when: of its own.
	Modules int
	// Slots adds an email, "generated", with that many slots, each with
	// a module that targets nothing (its fallback) and one that targets
	// an unused segment.
	Slots int
}

// Generated is the example workspace (examples/shop) grown by spec. Its
// segments.yaml always has the Unused segments, so a workspace with
// spec.Modules 0 evaluates the same rules as one with 1,000.
func Generated(spec Spec) (fs.FS, error) {
	ws := fstest.MapFS{}
	err := fs.WalkDir(shop.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(shop.FS(), p)
		ws[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("copying the example: %w", err)
	}
	ws["segments.yaml"].Data = []byte(withSegments(string(ws["segments.yaml"].Data)))
	for i := range spec.Modules {
		ws[fmt.Sprintf("modules/products/gen-%04d.html", i)] = &fstest.MapFile{Data: []byte(module(i, "products"))}
	}
	if spec.Slots > 0 {
		ws["templates/generated.html"] = &fstest.MapFile{Data: []byte(slotsEmail(spec.Slots))}
		for s := range spec.Slots {
			slot := fmt.Sprintf("gen%03d", s)
			ws["modules/"+slot+"/default.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
				"---\nslot: %s\n---\n## Section %d for {{ .Profile.first_name | default \"you\" }}\n\nA paragraph with a [link]({{ link \"https://shop.example/s/%d\" \"gen\" }}).\n", slot, s, s))}
			ws["modules/"+slot+"/targeted.html"] = &fstest.MapFile{Data: []byte(module(s, slot))}
		}
	}
	return ws, nil
}

// withSegments appends the Unused segments to a segments.yaml whose
// first key is segments:.
func withSegments(yaml string) string {
	var b strings.Builder
	for k := range Unused {
		fmt.Fprintf(&b, "  - name: unused_%d\n    description: Nobody (generated)\n    when: (region ?? \"\") == \"zz-%d\"\n", k, k)
	}
	head, rest, ok := strings.Cut(yaml, "\nscores:")
	if !ok {
		return yaml + b.String()
	}
	return head + "\n" + b.String() + "\nscores:" + rest
}

// module is generated module i of a slot: a card row like the example's,
// for one of the Unused segments, with a when: of its own.
func module(i int, slot string) string {
	return fmt.Sprintf(`---
slot: %s
segments: [unused_%d]
when: (loyalty_points ?? 0) > %d
priority: %d
---
<table role="presentation" class="cards" width="100%%" cellpadding="0" cellspacing="0" border="0">
<tr>
<td class="card" width="50%%"><a href="{{ link "https://shop.example/p/gen-%d" "card-gen" }}"><img src="https://shop.example/img/gen-%d.jpg" width="260" alt="Item %d"></a><p class="card-name">Item %d for {{ .Profile.first_name | default "you" }}</p><p class="card-price">{{ money %d }}</p></td>
<td class="card" width="50%%"><p class="card-name">Only this week</p><p>Free returns on item %d.</p></td>
</tr>
</table>
`, slot, i%Unused, 100+i, i%50, i, i, i, i, 20+i%200, i)
}

// slotsEmail is an email with n slots, each in a section of its own.
func slotsEmail(n int) string {
	var b strings.Builder
	b.WriteString("---\nsubject: \"Generated, {{ .Profile.first_name | default \\\"you\\\" }}\"\nlayout: base\n---\n")
	for s := range n {
		fmt.Fprintf(&b, "<tr>\n<td class=\"section\">\n<h2>Section %d</h2>\n{{ .Slots.gen%03d }}\n</td>\n</tr>\n", s, s)
	}
	return b.String()
}
