package preview

import (
	"io/fs"
	"net/http"
	"strings"
)

// assetsPath is where preview serves the workspace's assets folder.
const assetsPath = "/assets/"

// assets serves a file of the workspace's assets: folder (tailor.yaml
// assets.dir), read through the workspace's FS: an os.Root for a folder,
// so neither a path nor a symlink leads out of it. Folders are not listed.
func (s *Server) assets(w http.ResponseWriter, r *http.Request) {
	a := s.good().Campaign.Config.Assets
	name := r.PathValue("path")
	if a.Dir == "" || !fs.ValidPath(name) || name == "." {
		s.fail(w, r, http.StatusNotFound, "no such asset")
		return
	}
	sub, err := fs.Sub(s.ws.FS(), a.Dir)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "no such asset")
		return
	}
	if st, err := fs.Stat(sub, name); err != nil || !st.Mode().IsRegular() {
		s.fail(w, r, http.StatusNotFound, "no such asset")
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	h.Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, sub, name)
}

// localAssets points the preview copy of an email's images at the files
// preview serves: every src, srcset, background and CSS url() that starts
// with the assets' public URL prefix. The sent email keeps the public URLs.
func localAssets(doc, prefix string) string {
	if prefix == "" {
		return doc
	}
	var b strings.Builder
	for {
		i := strings.Index(doc, prefix)
		if i < 0 {
			b.WriteString(doc)
			return b.String()
		}
		b.WriteString(doc[:i])
		if imageContext(doc[:i]) {
			b.WriteString(assetsPath)
		} else {
			b.WriteString(prefix)
		}
		doc = doc[i+len(prefix):]
	}
}

// imageContext reports whether the text before a URL makes it an image's:
// the value of a src, srcset or background attribute, or a CSS url().
func imageContext(before string) bool {
	tail := strings.ToLower(before[max(0, len(before)-16):])
	tail = strings.TrimRight(tail, `"' `)
	for _, end := range []string{"src=", "srcset=", "background=", "url("} {
		if strings.HasSuffix(tail, end) {
			return true
		}
	}
	return false
}
