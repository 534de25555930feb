package reload_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
)

// request is one kind of request the clients send, with the answers it
// may get: the page or message from the last good build (200), or an
// error page for a name that build lacks (404) or a render that fails in
// it (422). Never a 5xx, never no answer.
type request struct {
	method, path, body string
	api                bool // the render API (JSON), else the preview (HTML)
	allowed            []int
}

var requests = []request{
	{"GET", "/", "", false, []int{200}},
	{"GET", "/email/newsletter/r/c-1001", "", false, []int{200, 404}},
	{"GET", "/email/picks/r/c-1002/frame", "", false, []int{200, 404, 422}},
	{"GET", "/email/newsletter", "", false, []int{200, 404}},
	{"POST", "/v1/render", `{"template":"newsletter","profile":{"id":"c-7","email":"z@example.com","first_name":"Zoë"}}`, true, []int{200, 404, 422}},
	{"POST", "/v1/render", `{"template":"picks","profile":{"id":"c-8","email":"y@example.com"}}`, true, []int{200, 404, 422}},
	{"GET", "/healthz", "", true, []int{200}},
}

// clientLoad is clients sending requests to both servers until stopped.
type clientLoad struct {
	done      chan struct{}
	wg        sync.WaitGroup
	transport *http.Transport
	mu        sync.Mutex
	total, ok int
	bad       []string
}

func startClients(s *servers) *clientLoad {
	l := &clientLoad{done: make(chan struct{}), transport: &http.Transport{MaxConnsPerHost: clients}}
	client := &http.Client{Transport: l.transport}
	for i := range 2 * clients {
		l.wg.Go(func() {
			for n := i; ; n++ {
				select {
				case <-l.done:
					return
				default:
				}
				r := requests[n%len(requests)]
				base := s.previewURL
				if r.api {
					base = s.serveURL
				}
				status, body := send(client, base, r)
				l.record(r, status, body)
			}
		})
	}
	return l
}

// send sends r and returns its status and body; status 0 is no answer.
func send(c *http.Client, base string, r request) (int, string) {
	req, err := http.NewRequest(r.method, base+r.path, strings.NewReader(r.body))
	if err != nil {
		return 0, err.Error()
	}
	if r.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return answer(c.Do(req))
}

func (l *clientLoad) record(r request, status int, body string) {
	problem := ""
	switch {
	case !slices.Contains(r.allowed, status):
		problem = fmt.Sprintf("%s %s: status %d: %.300s", r.method, r.path, status, body)
	case status == 200 && !r.api && !strings.Contains(body, "</html>"):
		problem = fmt.Sprintf("%s %s: a cut page: %.300s", r.method, r.path, body)
	case status == 200 && r.path == "/v1/render" && !validMessage(body):
		problem = fmt.Sprintf("%s %s: not a message: %.300s", r.method, r.path, body)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.total++
	if status == 200 {
		l.ok++
	}
	if problem != "" {
		l.bad = append(l.bad, problem)
	}
}

func validMessage(body string) bool {
	var m struct{ HTML string }
	return json.Unmarshal([]byte(body), &m) == nil && strings.Contains(m.HTML, "</html>")
}

// stop ends the clients and fails the test on any bad answer.
func (l *clientLoad) stop(t *testing.T) {
	t.Helper()
	close(l.done)
	l.wg.Wait()
	l.transport.CloseIdleConnections()
	if len(l.bad) > 0 {
		t.Errorf("%d of %d requests got a bad answer; the first:\n%s", len(l.bad), l.total, l.bad[0])
	}
	if l.ok == 0 {
		t.Error("no request was answered 200")
	}
}
