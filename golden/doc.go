// Package golden keeps a workspace's emails from changing by accident. For
// every email and fixture recipient it renders the message and compares
// its parts (subject, preheader, html, text, amp) with
// testdata/golden/<email>/<recipient>.txtar, showing a unified diff for
// each part that differs; Update rewrites the files instead.
package golden
