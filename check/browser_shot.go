package check

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"
)

// Screenshots lays doc out in b at each viewport and returns a PNG of
// the whole email per viewport: the viewport's width, and as tall as the
// page (at least 800 px). The browser runs offline (see Browser), so the
// same HTML gives the same pixels on the same machine.
func (b *Browser) Screenshots(ctx context.Context, doc []byte, vps []Viewport) ([][]byte, error) {
	p, err := b.open(ctx, doc)
	if err != nil {
		return nil, err
	}
	defer p.close()
	var out [][]byte
	for _, vp := range vps {
		if err := p.view(vp, 0); err != nil {
			return nil, err
		}
		h, err := chromedp.Run(p.ctx, chromedp.Evaluate[float64](
			`Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)`))
		if err != nil {
			return nil, fmt.Errorf("page height at %s: %w", vp, err)
		}
		if err := p.view(vp, int(h)); err != nil {
			return nil, err
		}
		shot, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			return nil, fmt.Errorf("screenshot at %s: %w", vp, err)
		}
		out = append(out, shot)
	}
	return out, nil
}
