package golden

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
)

// The screenshot tolerance. A pixel differs when its colour distance from
// the golden's exceeds PixelTolerance; a screenshot differs when more
// than PixelFraction of its pixels differ, or its size changed.
//
// The distance is measured in the YIQ colour space (luma and two chroma
// axes, the NTSC transmission space) with the weights 0.5053, 0.299 and
// 0.1957 that Kotsarenko and Ramos fitted to perceived differences
// ("Measuring perceived color difference using YIQ NTSC transmission
// color space in mobile applications", 2010), scaled so that black to
// white is 1. 0.1 lets anti-aliasing and rounding noise pass and
// catches any colour change an eye would see; 0.0001 (one pixel in ten
// thousand) lets a few stray edge pixels pass, where a changed colour,
// size or position of any element changes hundreds.
const (
	PixelTolerance = 0.1
	PixelFraction  = 0.0001
)

// PixelDiff is the result of comparing two screenshots.
type PixelDiff struct {
	Differ       bool
	Pixels       int    // pixels over PixelTolerance
	Total        int    // pixels compared
	SizeChange   string // "600x1800 -> 600x1822" when the size changed
	Image        []byte // a PNG of the golden, faded, with differing pixels red; nil when they match
	WantW, WantH int
}

// String summarises the difference.
func (d PixelDiff) String() string {
	if d.SizeChange != "" {
		return "size changed: " + d.SizeChange
	}
	return fmt.Sprintf("%d of %d pixels differ (%.3f%%; tolerance %.2f%%)", d.Pixels, d.Total,
		100*float64(d.Pixels)/float64(max(d.Total, 1)), 100*PixelFraction)
}

// ComparePNG compares a screenshot with its golden, both PNG.
func ComparePNG(want, got []byte) (PixelDiff, error) {
	wi, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		return PixelDiff{}, fmt.Errorf("golden screenshot: %w", err)
	}
	gi, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		return PixelDiff{}, fmt.Errorf("screenshot: %w", err)
	}
	wb, gb := wi.Bounds(), gi.Bounds()
	d := PixelDiff{WantW: wb.Dx(), WantH: wb.Dy()}
	out := image.NewRGBA(image.Rect(0, 0, max(wb.Dx(), gb.Dx()), max(wb.Dy(), gb.Dy())))
	red := color.RGBA{255, 0, 0, 255}
	for y := out.Rect.Min.Y; y < out.Rect.Max.Y; y++ {
		for x := out.Rect.Min.X; x < out.Rect.Max.X; x++ {
			wp, gp := image.Pt(wb.Min.X+x, wb.Min.Y+y), image.Pt(gb.Min.X+x, gb.Min.Y+y)
			d.Total++
			if !wp.In(wb) || !gp.In(gb) {
				d.Pixels++
				out.SetRGBA(x, y, red)
				continue
			}
			a, b := wi.At(wp.X, wp.Y), gi.At(gp.X, gp.Y)
			if distance(a, b) > PixelTolerance {
				d.Pixels++
				out.SetRGBA(x, y, red)
				continue
			}
			out.SetRGBA(x, y, faded(a))
		}
	}
	if wb.Size() != gb.Size() {
		d.SizeChange = fmt.Sprintf("%dx%d -> %dx%d", wb.Dx(), wb.Dy(), gb.Dx(), gb.Dy())
	}
	d.Differ = d.SizeChange != "" || float64(d.Pixels) > PixelFraction*float64(d.Total)
	if d.Pixels > 0 {
		var buf bytes.Buffer
		if err := png.Encode(&buf, out); err != nil {
			return d, fmt.Errorf("diff image: %w", err)
		}
		d.Image = buf.Bytes()
	}
	return d, nil
}

// yiq converts a colour (composited on white) to Y, I and Q in 0..1 units.
func yiq(c color.Color) (y, i, q float64) {
	r16, g16, b16, a16 := c.RGBA()
	white := float64(0xffff - a16) // premultiplied: add white under
	r := (float64(r16) + white) / 0xffff
	g := (float64(g16) + white) / 0xffff
	b := (float64(b16) + white) / 0xffff
	y = 0.29889531*r + 0.58662247*g + 0.11448223*b
	i = 0.59597799*r - 0.27417610*g - 0.32180189*b
	q = 0.21147017*r - 0.52261711*g + 0.31114694*b
	return y, i, q
}

// distance is the perceived difference of two colours, 0 (the same) to 1
// (black and white).
func distance(a, b color.Color) float64 {
	y1, i1, q1 := yiq(a)
	y2, i2, q2 := yiq(b)
	dy, di, dq := y1-y2, i1-i2, q1-q2
	d2 := 0.5053*dy*dy + 0.299*di*di + 0.1957*dq*dq
	return math.Sqrt(d2 / 0.5053)
}

// faded is c's grey level, lightened, as the diff image's background.
func faded(c color.Color) color.RGBA {
	y, _, _ := yiq(c)
	v := uint8(255 * (0.75 + 0.25*y))
	return color.RGBA{v, v, v, 255}
}
