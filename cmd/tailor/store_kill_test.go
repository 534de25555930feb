package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// startServeProcess starts "tailor serve args..." as a subprocess of its
// own (the test binary as tailor) and returns it with its base URL, read
// from the first line it prints.
func startServeProcess(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := tailorCmd(t, append([]string{"serve"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	br := bufio.NewReader(out)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatalf("tailor serve printed no address: %v", err)
	}
	go io.Copy(io.Discard, br)
	u := regexp.MustCompile(`http://[0-9.:]+`).FindString(line)
	if u == "" {
		t.Fatalf("tailor serve printed %q, want its address", line)
	}
	return cmd, u
}

// TestStoreKillDuringEvents posts 1,000 purchase events to a real tailor
// serve --store, from 4 clients at once, and kills it with SIGKILL once
// 300 have been answered: after a restart, every event answered 2xx is
// in the store, with its profile.
func TestStoreKillDuringEvents(t *testing.T) {
	const n, killAfter = 1000, 300
	dir := t.TempDir()
	ws, db := filepath.Join(dir, "ws"), filepath.Join(dir, "store.db")
	tailorRun(t, "init", ws)
	cmd, base := startServeProcess(t, "--workspace", ws, "--store", db, "--addr", "127.0.0.1:0")

	var mu sync.Mutex
	var acked []string
	killed := make(chan struct{})
	var once sync.Once
	jobs := make(chan int)
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 60 * time.Second}
	for range 4 {
		wg.Go(func() {
			for i := range jobs {
				id := fmt.Sprintf("k-%04d", i)
				body := fmt.Sprintf(`{"profile":{"id":%q,"email":"%s@example.com","first_name":"K"},"event":{"total":%d}}`, id, id, i)
				resp, err := client.Post(base+"/v1/events/purchase", "application/json", strings.NewReader(body))
				if err != nil {
					continue // the server is gone
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode/100 != 2 {
					t.Errorf("event %s: status %d", id, resp.StatusCode)
					continue
				}
				mu.Lock()
				acked = append(acked, id)
				if len(acked) == killAfter {
					once.Do(func() { cmd.Process.Kill(); close(killed) })
				}
				mu.Unlock()
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	select {
	case <-killed:
	default:
		t.Fatalf("only %d events were answered; the server was never killed", len(acked))
	}
	cmd.Wait()
	if len(acked) >= n {
		t.Fatalf("all %d events were answered: the kill came too late to test anything", n)
	}

	// The server starts again on the store it was killed over.
	startServeProcess(t, "--workspace", ws, "--store", db, "--addr", "127.0.0.1:0")
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Get(context.Background(), acked...)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range acked {
		evs, err := s.Events(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got[id]; !ok || len(evs) != 1 || evs[0].Name != "purchase" {
			t.Errorf("event %s was answered 2xx but the store has profile %v and events %v", id, ok, evs)
		}
	}
	t.Logf("%d of %d events answered before SIGKILL, all of them stored", len(acked), n)
}
