package preview

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/tailor-email/tailor/internal/httpserve"
)

// tokenCookie holds the auth token once a browser has shown it with ?token=.
const tokenCookie = "tailor_preview_token"

// withAuth lets a request through when no token is required, or when it
// carries the token as a bearer header or cookie. A GET with a correct
// ?token= sets the cookie and redirects to the same URL without it.
func (s *Server) withAuth(next http.Handler) http.Handler {
	if s.opts.AuthToken == "" {
		return httpserve.LoopbackOnly(next, func(w http.ResponseWriter, r *http.Request) {
			s.fail(w, r, http.StatusForbidden, "this preview answers only to localhost, 127.0.0.1 or [::1] (set --auth-token to serve other names)")
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.Query().Get("token"); q != "" && r.Method == http.MethodGet {
			if !s.tokenOK(q) {
				s.fail(w, r, http.StatusUnauthorized, "wrong auth token")
				return
			}
			http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: q, Path: "/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode})
			u := *r.URL
			v := u.Query()
			v.Del("token")
			u.RawQuery = v.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
		if !s.tokenOK(requestToken(r)) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tailor preview"`)
			s.fail(w, r, http.StatusUnauthorized, "this preview needs its auth token: open it once with ?token=TOKEN or send Authorization: Bearer TOKEN")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func requestToken(r *http.Request) string {
	if h, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return strings.TrimSpace(h)
	}
	if c, err := r.Cookie(tokenCookie); err == nil {
		return c.Value
	}
	return ""
}

func (s *Server) tokenOK(t string) bool {
	return t != "" && subtle.ConstantTimeCompare([]byte(t), []byte(s.opts.AuthToken)) == 1
}

// checkPost guards a state-changing request: it must be a POST from this
// origin carrying the server's CSRF token in the form field "csrf". It
// reads at most MaxProfileBytes of form. It writes the error and reports
// false when the request fails a check.
func (s *Server) checkPost(w http.ResponseWriter, r *http.Request) bool {
	if !sameOrigin(r) {
		s.fail(w, r, http.StatusForbidden, "cross-origin request refused")
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxProfileBytes+4<<10)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, "request body over 64 KB")
			return false
		}
		s.fail(w, r, http.StatusBadRequest, "bad form: "+err.Error())
		return false
	}
	if subtle.ConstantTimeCompare([]byte(r.PostForm.Get("csrf")), []byte(s.csrf)) != 1 {
		s.fail(w, r, http.StatusForbidden, "missing or stale form token: reload the page and try again")
		return false
	}
	return true
}

// sameOrigin accepts a request whose Origin (or, without one, Referer) is
// this host, and one with neither (curl, tests); browsers send Origin on
// every cross-origin POST.
func sameOrigin(r *http.Request) bool {
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return false
	}
	o := r.Header.Get("Origin")
	if o == "" {
		o = r.Header.Get("Referer")
	}
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

// withSecurityHeaders sets the app's own policy; the email frame route
// replaces it with a stricter one.
func (s *Server) withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
