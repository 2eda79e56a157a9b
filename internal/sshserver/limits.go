package sshserver

import (
	"fmt"
	"net"
	"sync"
	"time"
)

// rateLimiter is a token bucket per remote address (the IP, without the
// port): burst connections at once, then one per interval. Idle buckets
// are forgotten so the table stays small.
type rateLimiter struct {
	interval time.Duration
	burst    float64
	now      func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(perMinute, burst int) *rateLimiter {
	if perMinute <= 0 || burst <= 0 {
		return nil
	}
	return &rateLimiter{interval: time.Minute / time.Duration(perMinute), burst: float64(burst),
		now: time.Now, buckets: map[string]*bucket{}}
}

// allow takes a token for the address and reports whether there was one.
// A nil limiter allows everything.
func (r *rateLimiter) allow(addr net.Addr) bool {
	if r == nil {
		return true
	}
	host := addrGroup(addr)
	now := r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if now.Sub(r.sweep) > time.Minute {
		r.sweep = now
		full := time.Duration(r.burst) * r.interval
		for h, b := range r.buckets {
			if now.Sub(b.last) > full {
				delete(r.buckets, h)
			}
		}
	}
	b := r.buckets[host]
	if b == nil {
		b = &bucket{tokens: r.burst, last: now}
		r.buckets[host] = b
	}
	b.tokens = min(r.burst, b.tokens+float64(now.Sub(b.last))/float64(r.interval))
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func hostOf(addr net.Addr) string {
	if addr == nil {
		return ""
	}
	if ta, ok := addr.(*net.TCPAddr); ok {
		return ta.IP.String()
	}
	h, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return h
}

// sessionLimits caps the sessions held at once, overall and per key.
type sessionLimits struct {
	max, perKey int

	mu    sync.Mutex
	total int
	byKey map[string]int
}

func newSessionLimits(max, perKey int) *sessionLimits {
	return &sessionLimits{max: max, perKey: perKey, byKey: map[string]int{}}
}

// LimitReason says which session limit refused a session.
type LimitReason int

const (
	// LimitServerFull: the server holds its most sessions at once.
	LimitServerFull LimitReason = iota + 1
	// LimitPerKey: the key holds its most sessions at once.
	LimitPerKey
)

// LimitError is a session refused by a session limit. Open is the number
// of sessions held (overall or by the key) when it was refused.
type LimitError struct {
	Reason LimitReason
	Open   int
}

// Error is the sentence the user reads.
func (e *LimitError) Error() string {
	if e.Reason == LimitPerKey {
		return fmt.Sprintf("your key already has %d sessions open, the most one key may hold at once. Close one and try again.", e.Open)
	}
	return fmt.Sprintf("the server is full: %d sessions are open, the most it holds at once. Please try again later.", e.Open)
}

// acquire takes a slot for the key's fingerprint or says why not
// (*LimitError).
func (l *sessionLimits) acquire(fp string) (release func(), err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.max > 0 && l.total >= l.max {
		return nil, &LimitError{Reason: LimitServerFull, Open: l.total}
	}
	if l.perKey > 0 && l.byKey[fp] >= l.perKey {
		return nil, &LimitError{Reason: LimitPerKey, Open: l.byKey[fp]}
	}
	l.total++
	l.byKey[fp]++
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			l.total--
			if l.byKey[fp]--; l.byKey[fp] <= 0 {
				delete(l.byKey, fp)
			}
		})
	}, nil
}

func (l *sessionLimits) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}
