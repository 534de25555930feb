// Package golden keeps a workspace's emails from changing by accident. For
// every email and fixture recipient it renders the message and compares
// its parts (subject, preheader, html, text, amp) with
// testdata/golden/<email>/<recipient>.txtar, showing a unified diff for
// each part that differs; Update rewrites the files instead.
//
// Screenshots does the same for how the HTML looks: a PNG per email,
// fixture, width and colour scheme under testdata/golden/screenshots/,
// taken in headless Chromium and compared with a perceptual tolerance
// (ComparePNG, PixelTolerance, PixelFraction), with a diff image for
// each that differs.
package golden
