package workspace_test

import (
	"strings"
	"testing"

	"github.com/tailor-email/tailor/workspace"
)

func TestAssets(t *testing.T) {
	c, err := workspace.ParseConfig([]byte("name: x\nassets:\n  dir: ./assets/\n  url: https://shop.example/img\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Assets.Dir != "assets" || c.Assets.URL != "https://shop.example/img/" {
		t.Errorf("assets = %+v", c.Assets)
	}
	bad := []struct{ yaml, want string }{
		{"assets:\n  dir: ../elsewhere\n  url: https://x.example/\n", "tailor.yaml:2:8: assets.dir: want a folder inside the workspace"},
		{"assets:\n  dir: /etc\n  url: https://x.example/\n", "tailor.yaml:2:8: assets.dir: want a folder inside the workspace"},
		{"assets:\n  dir: a/../../b\n  url: https://x.example/\n", "tailor.yaml:2:8: assets.dir"},
		{"assets:\n  dir: assets\n  url: ftp://x.example/\n", "tailor.yaml:3:8: assets.url: want an http or https URL prefix"},
		{"assets:\n  dir: assets\n  url: /img/\n", "tailor.yaml:3:8: assets.url"},
		{"assets:\n  dir: assets\n", "tailor.yaml:2:6: assets: url: want the public URL prefix"},
		{"assets:\n  url: https://x.example/\n", "tailor.yaml:2:6: assets: dir: want the folder"},
		{"assets:\n  dir: assets\n  url: https://x.example/\n  root: x\n", "tailor.yaml:4:3"},
	}
	for _, tt := range bad {
		_, err := workspace.ParseConfig([]byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.yaml, err, tt.want)
		}
	}
}
