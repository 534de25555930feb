package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	tp "github.com/tailor-email/tailor/batch/throughput"
)

// BenchmarkRenderLoopback is BenchmarkRenderCost's handler over the
// network: POST /v1/render to a real server (httptest, net/http) on
// loopback, one request at a time on one keep-alive connection, from a
// client that writes each request's bytes, made beforehand, and reads the
// answer by its Content-Length, so that nearly all of the process's cost
// is the server's. Under callgrind, beside BenchmarkRenderCost/cli in the
// same binary, it gives the server's instructions a message against
// tailor render's (the kernel's work is not counted: see docs/batch.md).
func BenchmarkRenderLoopback(b *testing.B) {
	data := tp.Recipients(100)
	single, _ := requestBodies(data, 1)
	s, _ := newServer(b, "", Options{})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	c, err := dialRaw(srv.Listener.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer c.conn.Close()
	reqs := make([][]byte, len(single))
	for i, body := range single {
		reqs[i] = fmt.Appendf(nil, "POST /v1/render HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	}
	for i := 0; b.Loop(); i++ {
		status, body, err := c.do(reqs[i%len(reqs)])
		if err != nil || status != 200 {
			b.Fatalf("status %d: %v: %.200s", status, err, body)
		}
	}
}

// rawClient speaks just enough HTTP/1.1 for BenchmarkRenderLoopback: one
// request at a time, answers with a Content-Length.
type rawClient struct {
	conn net.Conn
	r    *bufio.Reader
	body []byte
}

func dialRaw(addr string) (*rawClient, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &rawClient{conn: conn, r: bufio.NewReaderSize(conn, 64<<10)}, nil
}

// do writes req and reads the answer's status and body.
func (c *rawClient) do(req []byte) (int, []byte, error) {
	if _, err := c.conn.Write(req); err != nil {
		return 0, nil, err
	}
	status, n := 0, -1
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return 0, nil, err
		}
		l := string(bytes.TrimRight(line, "\r\n"))
		if l == "" {
			break
		}
		if status == 0 {
			if f := strings.Fields(l); len(f) > 1 {
				status, _ = strconv.Atoi(f[1])
			}
			continue
		}
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(k, "Content-Length") {
			n, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	if n < 0 {
		return status, nil, fmt.Errorf("an answer without Content-Length")
	}
	if cap(c.body) < n {
		c.body = make([]byte, n)
	}
	c.body = c.body[:n]
	_, err := io.ReadFull(c.r, c.body)
	return status, c.body, err
}
