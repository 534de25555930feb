package inline

import (
	"os"
	"testing"

	"github.com/vanng822/go-premailer/premailer"
)

// benchDoc is a real 13 KB transactional email with its CSS in <style>
// (testdata/README.md gives its origin and licence).
const benchDoc = "testdata/mailgun-billing.html"

func readBenchDoc(b *testing.B) string {
	b.Helper()
	src, err := os.ReadFile(benchDoc)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	return string(src)
}

func BenchmarkDocument(b *testing.B) {
	doc := readBenchDoc(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Document(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPremailer is go-premailer alone on the same email, for scale.
func BenchmarkPremailer(b *testing.B) {
	doc := readBenchDoc(b)
	b.ReportAllocs()
	for b.Loop() {
		p, err := premailer.NewPremailerFromString(doc, premailer.NewOptions())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Transform(); err != nil {
			b.Fatal(err)
		}
	}
}
