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
	w    io.Writer
	file *os.File // synced after each line when set
	now  func() time.Time

	queue chan auditItem
	done  chan struct{}

	mu     sync.Mutex
	err    error // the first write error
	closed bool
}

type auditItem struct {
	line []byte
	sync chan error // nil for Post
}

// auditQueue is how many asynchronous events may wait for the writer.
const auditQueue = 4096

// OpenAudit opens (creating with mode 0600) the audit log at path for
// appending.
func OpenAudit(path string) (*Audit, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	a := newAudit(f)
	a.file = f
	return a, nil
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
		err := a.write(it.line)
		if it.sync != nil {
			it.sync <- err
		}
	}
}

func (a *Audit) write(line []byte) error {
	_, err := a.w.Write(line)
	if err == nil && a.file != nil {
		err = a.file.Sync()
		if errors.Is(err, os.ErrInvalid) || isNotSyncable(err) {
			// stderr on a terminal or a pipe cannot be synced.
			err = nil
		}
	}
	if err != nil {
		a.mu.Lock()
		if a.err == nil {
			a.err = err
		}
		a.mu.Unlock()
	}
	return err
}

// Err returns the first error writing the log (nil while it is healthy).
// The server refuses new sessions while the audit log cannot be written.
func (a *Audit) Err() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
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
	writeJSON(&b, event)
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
		writeJSON(&b, name)
		b.WriteByte(':')
		writeJSON(&b, fields[k])
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
