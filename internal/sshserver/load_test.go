package sshserver

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"
)

// viewMarks are texts that show once a view is on screen (100×30).
var viewMarks = []struct{ key, mark string }{
	{"1", "New intakes"},
	{"2", "Share of minors"},
	{"3", "Intakes by year and phenomenon area"},
	{"4", "Relapse rate by subgroup"},
	{"5", "Completeness per column"},
	{"6", "Person potential (persons)"},
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// sessionHeapBound is the most the Go heap of this test process (server
// and its 30 clients together) may grow per open session.
const sessionHeapBound = 6 << 20

// TestConcurrentSessions: 30 sessions at once, each switching views for a
// bounded time, all get their frames, and the heap stays within
// 30 × sessionHeapBound of the idle server's.
func TestConcurrentSessions(t *testing.T) {
	if testing.Short() {
		t.Skip("30 SSH sessions")
	}
	const n = 30
	const switching = 3 * time.Second
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("", "")}, nil)
	base := heapInUse()

	clients := make([]*tuiClient, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := ts.openTUI(k, 100, 30)
			if err != nil {
				errs <- err
				return
			}
			clients[i] = c
			if err := c.waitFor(60*time.Second, "Person potential"); err != nil {
				errs <- fmt.Errorf("session %d: first frame: %w", i, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	defer func() {
		for _, c := range clients {
			c.close()
		}
	}()

	switches := make([]int, n)
	var peak uint64
	var peakMu sync.Mutex
	errs = make(chan error, n)
	stop := time.Now().Add(switching)
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := i; time.Now().Before(stop); j++ {
				v := viewMarks[j%len(viewMarks)]
				c.send(v.key)
				if err := c.waitFor(20*time.Second, v.mark); err != nil {
					errs <- fmt.Errorf("session %d, view %s: %w", i, v.key, err)
					return
				}
				switches[i]++
			}
		}()
	}
	go func() {
		// Sample the heap while the sessions switch.
		for time.Now().Before(stop) {
			h := heapInUse()
			peakMu.Lock()
			peak = max(peak, h)
			peakMu.Unlock()
			time.Sleep(500 * time.Millisecond)
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	after := heapInUse()
	peakMu.Lock()
	peak = max(peak, after)
	peakMu.Unlock()
	total := 0
	for i, s := range switches {
		if s < 1 {
			t.Errorf("session %d got no frame of another view in %v", i, switching)
		}
		total += s
	}
	growth := int64(peak) - int64(base)
	t.Logf("%d sessions, %d view switches in %v; heap %.1f MiB idle, %.1f MiB peak (%.2f MiB per session, server and client)",
		n, total, switching, float64(base)/(1<<20), float64(peak)/(1<<20), float64(growth)/n/(1<<20))
	if growth > n*sessionHeapBound {
		t.Errorf("heap grew by %.1f MiB for %d sessions, more than %d MiB each", float64(growth)/(1<<20), n, sessionHeapBound>>20)
	}
	for _, c := range clients {
		c.send("q")
	}
	for i, c := range clients {
		if code, err := c.wait(20 * time.Second); err != nil || code != 0 {
			t.Errorf("session %d: exit %d, %v", i, code, err)
		}
	}
}
