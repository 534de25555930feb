package load

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Options describe one load run.
type Options struct {
	URL         string
	Bodies      [][]byte // POSTed in turn; each worker starts at its own offset
	Header      http.Header
	Concurrency int           // workers, each with one request in flight
	Duration    time.Duration // how long workers start new requests
	// Observe, when set, sees every response that completed (status and
	// body) with the time its request started; an error it returns counts
	// the response as failed.
	Observe func(start time.Time, status int, body []byte) error
}

// Result sums up a run.
type Result struct {
	Requests  int
	Errors    int
	FirstErr  error
	Elapsed   time.Duration
	latencies []time.Duration // sorted
}

// Throughput is completed requests per second.
func (r Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Quantile returns the q-quantile latency (0.5 is the median).
func (r Result) Quantile(q float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(q * float64(len(r.latencies)-1))
	return r.latencies[i]
}

// String is the one-line summary the tests log.
func (r Result) String() string {
	return fmt.Sprintf("%d requests in %s: %.0f req/s, median %s, p99 %s, %d errors",
		r.Requests, r.Elapsed.Round(time.Millisecond), r.Throughput(),
		r.Quantile(0.5).Round(10*time.Microsecond), r.Quantile(0.99).Round(10*time.Microsecond), r.Errors)
}

// Run sends load until Duration passes or ctx ends, then waits for the
// requests in flight.
func Run(ctx context.Context, o Options) Result {
	ctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.Concurrency}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	var mu sync.Mutex
	var res Result
	start := time.Now()
	var wg sync.WaitGroup
	for w := range o.Concurrency {
		wg.Go(func() {
			var lat []time.Duration
			var errs []error
			for i := w; ctx.Err() == nil; i++ {
				d, err := one(client, o, o.Bodies[i%len(o.Bodies)])
				lat = append(lat, d)
				errs = append(errs, err)
			}
			mu.Lock()
			defer mu.Unlock()
			res.latencies = append(res.latencies, lat...)
			for _, err := range errs {
				if err != nil {
					res.Errors++
					if res.FirstErr == nil {
						res.FirstErr = err
					}
				}
			}
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Requests = len(res.latencies)
	slices.Sort(res.latencies)
	return res
}

// one sends one request; any transport error or non-2xx status is an error.
func one(client *http.Client, o Options, body []byte) (time.Duration, error) {
	start := time.Now()
	req, err := http.NewRequest("POST", o.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	for k, v := range o.Header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return time.Since(start), fmt.Errorf("load: %w", err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		return d, fmt.Errorf("load: reading the response: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		return d, fmt.Errorf("load: status %d: %.200s", resp.StatusCode, b)
	}
	if o.Observe != nil {
		if err := o.Observe(start, resp.StatusCode, b); err != nil {
			return d, err
		}
	}
	return d, nil
}
