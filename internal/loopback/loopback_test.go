package loopback

import (
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

func TestHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost":       true,
		"LocalHost":       true,
		"127.0.0.1":       true,
		"127.8.9.10":      true,
		"::1":             true,
		"[::1]":           true,
		"":                false,
		"localhost.":      false,
		"localhost.evil":  false,
		"128.0.0.1":       false,
		"10.0.0.1":        false,
		"::2":             false,
		"[::1":            false,
		"example.com":     false,
		"127.0.0.1:25":    false,
		"mail.localhost":  false,
		"0:0:0:0:0:0:0:1": true,
	} {
		if got := Host(host); got != want {
			t.Errorf("Host(%q) = %v, want %v", host, got, want)
		}
	}
}
