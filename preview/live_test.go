package preview_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// buildEvent mirrors the JSON of a server-sent build event.
type buildEvent struct {
	Version int    `json:"version"`
	Good    int    `json:"good"`
	OK      bool   `json:"ok"`
	Error   string `json:"error"`
}

// readEvents streams /events into a channel until the test ends.
func readEvents(t *testing.T, base string) <-chan buildEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	ch := make(chan buildEvent, 16)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var e buildEvent
				if json.Unmarshal([]byte(data), &e) == nil {
					ch <- e
				}
			}
		}
	}()
	return ch
}

// next returns the next event that ok accepts, skipping others.
func next(t *testing.T, ch <-chan buildEvent, ok func(buildEvent) bool) buildEvent {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-ch:
			if ok(e) {
				return e
			}
			t.Logf("skipped event %+v", e)
		case <-timeout:
			t.Fatal("no such build event within 10s")
		}
	}
}

func anyEvent(buildEvent) bool { return true }

func failed(e buildEvent) bool { return !e.OK }

// TestEvents follows the build stream through an edit, a broken file and
// its fix, and checks the last good build is served meanwhile.
func TestEvents(t *testing.T) {
	env := startLive(t)
	events := readEvents(t, env.url)
	first := next(t, events, anyEvent)
	if !first.OK || first.Version != env.ws.Good().Version {
		t.Fatalf("first event %+v, want the current good build", first)
	}
	module := filepath.Join(env.dir, "modules/hero/new-arrivals.md")
	orig, _ := os.ReadFile(module)
	writeFile(t, module, strings.Replace(string(orig), "{{ .Profile.first_name", "{{ .Profile.first_name (", 1))
	bad := next(t, events, failed)
	if bad.OK || !strings.Contains(bad.Error, "modules/hero/new-arrivals.md:") || bad.Good < first.Version || bad.Good >= bad.Version {
		t.Fatalf("broken build event %+v", bad)
	}
	res, err := http.Get(env.url + "/email/newsletter/r/c-1001")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "Fresh in, Ana") {
		t.Errorf("while broken, the last good build should be served: status %d", res.StatusCode)
	}
	writeFile(t, module, strings.Replace(string(orig), "# Fresh in,", "# Fixed,", 1))
	fixed := next(t, events, func(e buildEvent) bool { return e.OK })
	if !fixed.OK || fixed.Good != fixed.Version || fixed.Version <= bad.Version {
		t.Fatalf("fixed build event %+v", fixed)
	}
}

// TestLoad sends 200 concurrent clients x 5 requests to the recipient page
// on loopback: every one must succeed. Latencies are logged, not asserted.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	h, _ := newHandler(t)
	hs := httptest.NewServer(h)
	defer hs.Close()
	const clients, each = 200, 5
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	var (
		mu   sync.Mutex
		lat  []time.Duration
		errs []string
		wg   sync.WaitGroup
	)
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				t0 := time.Now()
				err := get(client, hs.URL+"/email/newsletter/r/c-100"+fmt.Sprint(1+c%7))
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				if err != nil {
					errs = append(errs, err.Error())
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	total := time.Since(start)
	if len(errs) > 0 {
		t.Fatalf("%d of %d requests failed; first: %s", len(errs), clients*each, errs[0])
	}
	slices.Sort(lat)
	t.Logf("%d requests (%d concurrent): 0 errors, median %v, p99 %v, max %v, %.0f req/s",
		len(lat), clients, lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)*99/100].Round(time.Millisecond),
		lat[len(lat)-1].Round(time.Millisecond), float64(len(lat))/total.Seconds())
}

func get(c *http.Client, u string) error {
	res, err := c.Get(u)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != 200 || !strings.Contains(string(b), `id="email-frame"`) {
		msg := string(b)
		if i := strings.Index(msg, `class="error"`); i >= 0 {
			msg = msg[i:min(len(msg), i+300)]
		}
		return fmt.Errorf("%s: status %d: %.300s", u, res.StatusCode, msg)
	}
	return nil
}
