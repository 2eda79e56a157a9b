package sshserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"sync"
	"time"
)

// Audit is the append-only audit log: one JSON object per line, written
// with O_APPEND and synced to disk after every line, in the order the
// events happened. Each line has "time" (RFC 3339, UTC) and "event" first,
// then the fields in key order.
//
// Events of the server (see docs/ssh.md): session_start, session_end,
// session_refused, login_failed, command, command_refused, sql, and the
// TUI's own events (view, filter, export, copy) passed through the
// session's audit hook. No event carries record-level data: fields name
// views, filters, commands and SQL statements with their outcome, never
// values of a result.
type Audit struct {
	path string // the file OpenAudit opened ("" for NewAudit)
	w    io.Writer
	file *os.File // synced after each line when set
	now  func() time.Time

	queue chan auditItem
	done  chan struct{}

	mu     sync.Mutex
	err    error // why the last write failed; nil while the log is healthy
	closed bool

	// Owned by the writer goroutine: the lines that could not be written
	// while the log failed (at most auditBacklog bytes; lost counts the
	// ones beyond), written first once it works again.
	backlog      [][]byte
	backlogBytes int
	lost         int
	failedSince  time.Time
}

type auditOp int

const (
	opWrite  auditOp = iota // write line
	opRetry                 // if the log failed: reopen it and write what waits
	opReopen                // close the file and open the path again (SIGHUP)
)

type auditItem struct {
	op   auditOp
	line []byte
	sync chan error // nil for Post
}

// auditQueue is how many asynchronous events may wait for the writer.
const auditQueue = 4096

// auditBacklog bounds the lines kept while the log cannot be written.
const auditBacklog = 1 << 20

// OpenAudit opens (creating with mode 0600) the audit log at path for
// appending.
func OpenAudit(path string) (*Audit, error) {
	f, err := openAuditFile(path)
	if err != nil {
		return nil, err
	}
	a := newAudit(f)
	a.file, a.path = f, path
	return a, nil
}

func openAuditFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return f, nil
}

// NewAudit returns an audit log writing to w (not synced unless w is an
// *os.File). The server uses it for its log output when no --audit-log
// file is given.
func NewAudit(w io.Writer) *Audit {
	a := newAudit(w)
	if f, ok := w.(*os.File); ok {
		a.file = f
	}
	return a
}

func newAudit(w io.Writer) *Audit {
	a := &Audit{w: w, now: time.Now, queue: make(chan auditItem, auditQueue), done: make(chan struct{})}
	go a.writer()
	return a
}

func (a *Audit) writer() {
	defer close(a.done)
	for it := range a.queue {
		var err error
		switch it.op {
		case opWrite:
			err = a.write(it.line)
		case opRetry:
			err = a.recover()
		case opReopen:
			err = a.reopen()
		}
		if it.op != opReopen {
			// A failed reopen keeps the file open before; the log works.
			a.mu.Lock()
			if err != nil {
				a.err = err
			} else if a.failedSince.IsZero() {
				a.err = nil
			}
			a.mu.Unlock()
		}
		if it.sync != nil {
			it.sync <- err
		}
	}
}

// write writes one line. While the log fails, every line first tries to
// recover it (a disk that had no space may have some again); a line that
// cannot be written waits in the backlog.
func (a *Audit) write(line []byte) error {
	if !a.failedSince.IsZero() {
		if err := a.recover(); err != nil {
			a.keep(line)
			return err
		}
	}
	if err := a.writeLine(line); err != nil {
		a.failedSince = a.now()
		a.keep(line)
		return err
	}
	return nil
}

// writeLine writes a whole line or nothing: a write cut short (a full
// disk) is truncated back, so the log never holds half a line.
func (a *Audit) writeLine(line []byte) error {
	var off int64 = -1
	if a.path != "" {
		if o, err := a.file.Seek(0, io.SeekEnd); err == nil {
			off = o
		}
	}
	n, err := a.w.Write(line)
	if err == nil && n < len(line) {
		err = io.ErrShortWrite
	}
	if err == nil && a.file != nil {
		err = a.file.Sync()
		if errors.Is(err, os.ErrInvalid) || isNotSyncable(err) {
			// stderr on a terminal or a pipe cannot be synced.
			err = nil
		}
	}
	if err != nil && off >= 0 {
		_ = a.file.Truncate(off)
	}
	return err
}

func (a *Audit) keep(line []byte) {
	if a.backlogBytes+len(line) > auditBacklog {
		a.lost++
		return
	}
	a.backlog = append(a.backlog, line)
	a.backlogBytes += len(line)
}

// recover makes a failed log work again: it reopens the file (it may have
// been moved or deleted to free space), writes the lines that waited and
// an audit_recovered line that says since when the log failed and how
// many lines were lost.
func (a *Audit) recover() error {
	if a.failedSince.IsZero() {
		return nil
	}
	if a.path != "" {
		if err := a.reopen(); err != nil {
			return err
		}
	}
	for len(a.backlog) > 0 {
		if err := a.writeLine(a.backlog[0]); err != nil {
			return err
		}
		a.backlogBytes -= len(a.backlog[0])
		a.backlog = a.backlog[1:]
	}
	line := a.encode("audit_recovered", map[string]any{"failed_since": a.failedSince.UTC().Format(time.RFC3339Nano), "lost": a.lost})
	if err := a.writeLine(line); err != nil {
		return err
	}
	a.failedSince, a.lost, a.backlog = time.Time{}, 0, nil
	return nil
}

// reopen closes the log file and opens its path again: after a rotation
// (the old file moved away) the events go to a new file at the path.
func (a *Audit) reopen() error {
	if a.path == "" {
		return nil
	}
	f, err := openAuditFile(a.path)
	if err != nil {
		return err
	}
	_ = a.file.Close()
	a.file, a.w = f, f
	return nil
}

// Writable reports whether the log can be written. While it fails, it
// tries again first (reopening the file and writing the events that
// waited), so that once the disk has space again new sessions start
// without a restart. The server refuses new sessions while it fails.
func (a *Audit) Writable() error {
	a.mu.Lock()
	err := a.err
	a.mu.Unlock()
	if err == nil {
		return nil
	}
	ch := make(chan error, 1)
	if !a.enqueue(auditItem{op: opRetry, sync: ch}) {
		return errors.New("audit log closed")
	}
	return <-ch
}

// Reopen closes the log file and opens its path again, after the events
// queued before (SIGHUP: a rotated log is continued in a new file). A log
// without a file of its own has nothing to reopen.
func (a *Audit) Reopen() error {
	ch := make(chan error, 1)
	if !a.enqueue(auditItem{op: opReopen, sync: ch}) {
		return errors.New("audit log closed")
	}
	return <-ch
}

// Log writes one event and returns once it is on disk.
func (a *Audit) Log(event string, fields map[string]any) error {
	line := a.encode(event, fields)
	ch := make(chan error, 1)
	if !a.enqueue(auditItem{line: line, sync: ch}) {
		return errors.New("audit log closed")
	}
	return <-ch
}

// Post queues one event without waiting for the disk: the writer writes
// and syncs it in order. It blocks only while the queue is full, so an
// event is never dropped. The TUI's events come through Post so that a
// disk sync never stalls a screen.
func (a *Audit) Post(event string, fields map[string]any) {
	a.enqueue(auditItem{line: a.encode(event, fields)})
}

func (a *Audit) enqueue(it auditItem) (ok bool) {
	a.mu.Lock()
	closed := a.closed
	a.mu.Unlock()
	if closed {
		return false
	}
	defer func() {
		// Close raced with us: the event is lost, as it would be after Close.
		if recover() != nil {
			ok = false
		}
	}()
	a.queue <- it
	return true
}

// Close writes the queued events and closes the file.
func (a *Audit) Close() error {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return nil
	}
	a.closed = true
	a.mu.Unlock()
	close(a.queue)
	<-a.done
	if a.file != nil && a.file != os.Stderr && a.file != os.Stdout {
		return a.file.Close()
	}
	return nil
}

func (a *Audit) encode(event string, fields map[string]any) []byte {
	var b bytes.Buffer
	b.WriteString(`{"time":`)
	writeJSON(&b, a.now().UTC().Format(time.RFC3339Nano))
	b.WriteString(`,"event":`)
	writeJSON(&b, logSafe(event, logFieldLimit))
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		name := k
		if k == "time" || k == "event" {
			name = "field_" + k
		}
		b.WriteByte(',')
		writeJSON(&b, logSafe(name, logFieldLimit))
		b.WriteByte(':')
		writeJSON(&b, boundValue(fields[k], fieldLimit(k)))
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func writeJSON(b *bytes.Buffer, v any) {
	enc, err := json.Marshal(v)
	if err != nil {
		enc, _ = json.Marshal(fmt.Sprint(v))
	}
	b.Write(enc)
}
