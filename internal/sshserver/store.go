package sshserver

import (
	"context"
	"io"
	"sync"
)

// stores hands every new session the current store. Stores open read-only
// and are shared by all sessions (a *queries.Store is safe for concurrent
// use). For a store file, each new session first looks whether the file
// was replaced (a new `lagebild import` swaps a new file in atomically):
// if its inode, size or modification time changed, the new file is
// opened for this and later sessions, while running sessions keep the
// store they started with; the old one is closed when its last session
// ends. If the new file cannot be opened, sessions keep getting the old
// store and the error is logged.
type stores[S io.Closer] struct {
	path string // "" for the embedded data, which never changes
	// open opens the store; first is set at start. It returns the
	// identity of the file it opened.
	open func(ctx context.Context, first bool) (S, fileID, error)
	log  func(msg string, args ...any)

	openMu sync.Mutex // one open at a time
	mu     sync.Mutex
	cur    *storeRef[S]
	curID  fileID
	failID fileID // a file that failed to open (not retried until it changes)
	closed bool
}

type storeRef[S io.Closer] struct {
	st      S
	refs    int
	retired bool
	id      fileID
}

func newStores[S io.Closer](ctx context.Context, path string, open func(context.Context, bool) (S, fileID, error), log func(string, ...any)) (*stores[S], error) {
	m := &stores[S]{path: path, open: open, log: log}
	st, id, err := open(ctx, true)
	if err != nil {
		return nil, err
	}
	m.cur, m.curID = &storeRef[S]{st: st, id: id}, id
	return m, nil
}

// acquire returns the store for a new session and the function that
// releases it when the session ends.
func (m *stores[S]) acquire(ctx context.Context) (S, func()) {
	if m.path != "" {
		m.refresh(ctx)
	}
	m.mu.Lock()
	ref := m.cur
	ref.refs++
	m.mu.Unlock()
	var once sync.Once
	return ref.st, func() { once.Do(func() { m.release(ref) }) }
}

func (m *stores[S]) release(ref *storeRef[S]) {
	m.mu.Lock()
	ref.refs--
	closeIt := ref.retired && ref.refs == 0
	m.mu.Unlock()
	if closeIt {
		ref.st.Close()
		m.log("closed the replaced store", "sessions", 0)
	}
}

// refresh opens the store file again if it was replaced.
func (m *stores[S]) refresh(ctx context.Context) {
	id, err := statID(m.path)
	if err != nil {
		m.mu.Lock()
		cur := m.curID
		m.mu.Unlock()
		if id != cur {
			m.log("store file unreadable; sessions keep the open store", "path", m.path, "error", err)
		}
		return
	}
	m.mu.Lock()
	same := id == m.curID || id == m.failID
	m.mu.Unlock()
	if same {
		return
	}
	m.openMu.Lock()
	defer m.openMu.Unlock()
	m.mu.Lock()
	same = id == m.curID || id == m.failID
	m.mu.Unlock()
	if same {
		return // opened by a concurrent session
	}
	st, openedID, err := m.open(context.WithoutCancel(ctx), false)
	if err != nil {
		m.mu.Lock()
		m.failID = id
		m.mu.Unlock()
		m.log("store file changed but cannot be opened; sessions keep the open store", "path", m.path, "error", err)
		return
	}
	m.mu.Lock()
	old := m.cur
	// A file swapped in again between the look and the open is what was
	// opened; the next session compares with that.
	m.cur, m.curID = &storeRef[S]{st: st, id: openedID}, openedID
	old.retired = true
	closeOld := old.refs == 0
	running := old.refs
	m.mu.Unlock()
	m.log("store file replaced: new sessions use the new store", "path", m.path, "sessions_on_old_store", running)
	if closeOld {
		old.st.Close()
	}
}

// close closes the current store (at server exit, after the sessions).
func (m *stores[S]) close() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return
	}
	m.closed = true
	m.cur.retired = true
	if m.cur.refs == 0 {
		m.cur.st.Close()
	}
}
