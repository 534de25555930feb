package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 20000, "files a case")
	rounds := flag.Int("rounds", 3, "alternating rounds")
	size := flag.Int("size", 9300, "bytes a file (the example newsletter's .eml is about 9 KB)")
	dirs := flag.String("dir", os.TempDir()+",/dev/shm", "comma-separated folders to measure in")
	flag.Parse()
	data := []byte(strings.Repeat("a", *size))
	for r := 1; r <= *rounds; r++ {
		for _, dir := range strings.Split(*dirs, ",") {
			for _, way := range []string{"empty", "trunc", "excl", "shard"} {
				user, sys, err := measure(dir, way, *n, data)
				if err != nil {
					fmt.Fprintln(os.Stderr, "filecost:", err)
					os.Exit(1)
				}
				fmt.Printf("round %d  %-10s %-6s %d files: %6.1f µs user, %6.1f µs system a file\n",
					r, dir, way, *n, perFile(user, *n), perFile(sys, *n))
			}
		}
	}
}

// measure writes n files one way in a fresh folder of dir, removed after,
// and returns the process's user and system time it took.
func measure(dir, way string, n int, data []byte) (user, sys time.Duration, err error) {
	top, err := os.MkdirTemp(dir, "filecost-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(top)
	if way == "shard" {
		for i := range 256 {
			if err := os.Mkdir(filepath.Join(top, fmt.Sprintf("%02x", i)), 0o755); err != nil {
				return 0, 0, err
			}
		}
	}
	u0, s0 := rusage()
	for i := range n {
		if err := write(top, way, i, data); err != nil {
			return 0, 0, err
		}
	}
	u1, s1 := rusage()
	return u1 - u0, s1 - s0, nil
}

// write writes file i one way.
func write(top, way string, i int, data []byte) error {
	name := fmt.Sprintf("s-%07d.eml", i)
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	switch way {
	case "excl":
		flags = os.O_WRONLY | os.O_CREATE | os.O_EXCL
	case "shard":
		name = filepath.Join(fmt.Sprintf("%02x", i%256), name)
	}
	f, err := os.OpenFile(filepath.Join(top, name), flags, 0o600)
	if err != nil {
		return err
	}
	if way != "empty" {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rusage is the process's user and system time so far.
func rusage() (user, sys time.Duration) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}

func perFile(d time.Duration, n int) float64 { return float64(d.Nanoseconds()) / 1e3 / float64(n) }
