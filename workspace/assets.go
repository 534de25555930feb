package workspace

import (
	"net/url"
	"path"
	"strings"
)

// Assets is tailor.yaml's assets section: a folder of the workspace that
// holds the files the emails link to at a public URL prefix, e.g.
//
//	assets:
//	  dir: assets
//	  url: https://shop.example/img/
//
// The emails keep the public URLs; preview serves the folder in their
// place, so a workspace's images show before they are published.
type Assets struct {
	// Dir is the folder, relative to the workspace and inside it.
	Dir string `yaml:"dir"`
	// URL is the public prefix the folder stands for (http or https,
	// with a host); a missing final slash is added.
	URL string `yaml:"url"`
}

// check checks the assets section of c, each problem at its place, and
// completes URL with its final slash.
func (a *Assets) check(c *Config) error {
	if a.Dir == "" && a.URL == "" {
		return nil
	}
	if a.Dir == "" {
		return c.ErrorAt("$.assets", "assets: dir: want the folder that holds the files at %s", a.URL)
	}
	clean := path.Clean(strings.ReplaceAll(a.Dir, `\`, "/"))
	if strings.HasPrefix(clean, "/") || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(a.Dir, ":") {
		return c.ErrorAt("$.assets.dir", "assets.dir: want a folder inside the workspace, got %q", a.Dir)
	}
	if a.URL == "" {
		return c.ErrorAt("$.assets", "assets: url: want the public URL prefix that %s stands for", a.Dir)
	}
	u, err := url.Parse(a.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return c.ErrorAt("$.assets.url", "assets.url: want an http or https URL prefix like https://shop.example/img/, got %q", a.URL)
	}
	a.Dir = clean
	if !strings.HasSuffix(a.URL, "/") {
		a.URL += "/"
	}
	return nil
}
