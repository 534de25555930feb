package golden

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// pngOf encodes a w x h image, white but for the pixels set.
func pngOf(t *testing.T, w, h int, set map[image.Point]color.RGBA) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c, ok := set[image.Pt(x, y)]
			if !ok {
				c = color.RGBA{255, 255, 255, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestComparePNG holds the documented tolerance: a colour change under
// PixelTolerance is no difference, a visible one is, and a screenshot
// differs only when more than PixelFraction of its pixels do (or its
// size changed); the diff image marks the differing pixels red.
func TestComparePNG(t *testing.T) {
	const w, h = 200, 100 // 20,000 pixels: 2 may differ
	white := pngOf(t, w, h, nil)
	block := func(n int, c color.RGBA) map[image.Point]color.RGBA {
		m := map[image.Point]color.RGBA{}
		for i := range n {
			m[image.Pt(i%w, i/w)] = c
		}
		return m
	}
	faint := color.RGBA{245, 245, 245, 255} // distance about 0.04
	red := color.RGBA{200, 30, 30, 255}
	for _, tt := range []struct {
		name   string
		got    []byte
		differ bool
		pixels int
	}{
		{"same", white, false, 0},
		{"faint change everywhere", pngOf(t, w, h, block(w*h, faint)), false, 0},
		{"two visible pixels", pngOf(t, w, h, block(2, red)), false, 2},
		{"three visible pixels", pngOf(t, w, h, block(3, red)), true, 3},
		{"taller", pngOf(t, w, h+1, nil), true, w},
	} {
		d, err := ComparePNG(white, tt.got)
		if err != nil {
			t.Fatal(err)
		}
		if d.Differ != tt.differ || d.Pixels != tt.pixels {
			t.Errorf("%s: differ %v with %d pixels, want %v with %d (%s)", tt.name, d.Differ, d.Pixels, tt.differ, tt.pixels, d)
		}
		if tt.pixels == 0 {
			continue
		}
		img, err := png.Decode(bytes.NewReader(d.Image))
		if err != nil {
			t.Fatalf("%s: diff image: %v", tt.name, err)
		}
		reds, greys := 0, 0
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				switch r, g, b, _ := img.At(x, y).RGBA(); {
				case r == 0xffff && g == 0 && b == 0:
					reds++
				case r == g && g == b:
					greys++
				}
			}
		}
		if reds != tt.pixels || reds+greys != img.Bounds().Dx()*img.Bounds().Dy() {
			t.Errorf("%s: diff image has %d red and %d grey pixels, want %d red and the rest grey", tt.name, reds, greys, tt.pixels)
		}
	}
}
