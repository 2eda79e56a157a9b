package sshserver

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"time"

	"lagebild/internal/i18n"

	gossh "golang.org/x/crypto/ssh"

	"lagebild/tui/common"
)

// Roles of a key (docs/ssh.md): the TUI's roles, one type for both.
const (
	// RoleViewer sees every view and export, always protected; no SQL.
	RoleViewer = common.RoleViewer
	// RoleAnalyst is a viewer plus the read-only SQL console.
	RoleAnalyst = common.RoleAnalyst
)

// maxKeyLine bounds one line of the authorized-keys file.
const maxKeyLine = 64 << 10

// AuthorizedKey is one line of the authorized-keys file: a public key with
// the role and the settings it grants.
type AuthorizedKey struct {
	Key gossh.PublicKey
	// Fingerprint is the key's SHA256:… fingerprint, as ssh-keygen -l
	// prints it; it identifies the user in the log and the audit log.
	Fingerprint string
	// Comment is the text after the key (often user@host).
	Comment string
	// Role is RoleViewer (no role option) or RoleAnalyst.
	Role common.Role
	// Lang is the interface language from a lang= option ("" means the
	// server's default, English). The client's LANG is never used.
	Lang i18n.Lang
	// NoPTY (OpenSSH's no-pty) allows commands only, no TUI.
	NoPTY bool
	// Line is the line number in the file.
	Line int
}

// KeyFileError is a line of the authorized-keys file that cannot be used.
// The whole file is refused: a half-read file could silently drop a
// restriction.
type KeyFileError struct {
	Path string
	Line int
	Err  error
}

func (e *KeyFileError) Error() string {
	p := e.Path
	if p == "" {
		p = "authorized keys"
	}
	return fmt.Sprintf("%s:%d: %v", p, e.Line, e.Err)
}

func (e *KeyFileError) Unwrap() error { return e.Err }

// KeySet is a parsed authorized-keys file.
type KeySet struct {
	byKey map[string]*AuthorizedKey
	keys  []*AuthorizedKey
}

// Len is the number of keys.
func (s *KeySet) Len() int { return len(s.keys) }

// Lookup returns the entry of exactly this public key (compared by its
// wire encoding; a certificate never matches a plain key).
func (s *KeySet) Lookup(k gossh.PublicKey) (*AuthorizedKey, bool) {
	if s == nil || k == nil {
		return nil, false
	}
	e, ok := s.byKey[string(k.Marshal())]
	return e, ok
}

// keyOptions are the options of an authorized-keys line: true for those
// lagebild implements, false for OpenSSH options it refuses (rather than
// silently ignoring a restriction). The no-*-forwarding options and
// no-user-rc restrict only what the server never allows anyway.
var keyOptions = map[string]bool{
	"role":                true,
	"lang":                true,
	"no-pty":              true,
	"pty":                 true,
	"restrict":            true,
	"no-port-forwarding":  true,
	"no-agent-forwarding": true,
	"no-x11-forwarding":   true,
	"no-user-rc":          true,
	"port-forwarding":     false,
	"agent-forwarding":    false,
	"x11-forwarding":      false,
	"user-rc":             false,
	"no-touch-required":   false,
	"verify-required":     false,
	"cert-authority":      false,
	"command":             false,
	"environment":         false,
	"expiry-time":         false,
	"from":                false,
	"permitlisten":        false,
	"permitopen":          false,
	"principals":          false,
	"tunnel":              false,
}

// ParseAuthorizedKeys reads an authorized-keys file in OpenSSH format.
// Blank lines and lines starting with # are skipped. Options before the
// key type:
//
//	role=analyst   the analyst role (SQL console, `query`); without it a viewer
//	role=viewer    explicit viewer
//	lang=de|en     the interface language of the key's sessions
//	no-pty         commands only, no TUI
//	restrict       as in OpenSSH: no PTY unless pty is given too
//	pty            allows the TUI after restrict
//	no-port-forwarding, no-agent-forwarding, no-X11-forwarding, no-user-rc
//	               accepted; the server never forwards anything anyway
//
// Any other option (command=, from=, environment=, cert-authority,
// permitopen= …) is not implemented and refused rather than ignored, so a
// restriction is never silently dropped. The first unusable line fails the
// whole file with a *KeyFileError naming the line; so does a key listed
// twice.
func ParseAuthorizedKeys(r io.Reader) (*KeySet, error) {
	set := &KeySet{byKey: map[string]*AuthorizedKey{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxKeyLine)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		e, err := parseKeyLine(line)
		if err != nil {
			return nil, &KeyFileError{Line: n, Err: err}
		}
		e.Line = n
		id := string(e.Key.Marshal())
		if prev, dup := set.byKey[id]; dup {
			return nil, &KeyFileError{Line: n, Err: fmt.Errorf("key %s is already listed on line %d", e.Fingerprint, prev.Line)}
		}
		set.byKey[id] = e
		set.keys = append(set.keys, e)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &KeyFileError{Line: n + 1, Err: fmt.Errorf("line longer than %d bytes", maxKeyLine)}
		}
		return nil, err
	}
	return set, nil
}

func parseKeyLine(line []byte) (*AuthorizedKey, error) {
	key, comment, options, rest, err := gossh.ParseAuthorizedKey(line)
	if err != nil {
		return nil, fmt.Errorf("not a public key in OpenSSH authorized_keys format: %v", trimSSHPrefix(err))
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return nil, errors.New("unexpected text after the key")
	}
	if _, isCert := key.(*gossh.Certificate); isCert {
		return nil, errors.New("certificates are not supported: list the plain public key")
	}
	e := &AuthorizedKey{Key: key, Fingerprint: gossh.FingerprintSHA256(key), Comment: comment, Role: RoleViewer}
	seen := map[string]bool{}
	for _, opt := range options {
		name, value, hasValue := strings.Cut(opt, "=")
		lname := strings.ToLower(name)
		if hasValue {
			v, err := unquoteOption(value)
			if err != nil {
				return nil, fmt.Errorf("option %s: %v", name, err)
			}
			value = v
		}
		allowed, known := keyOptions[lname]
		if !known || !allowed {
			if known {
				return nil, fmt.Errorf("option %q is not supported by lagebild serve (remove it; see docs/ssh.md)", name)
			}
			return nil, fmt.Errorf("unknown option %q (lagebild knows role=, lang=, no-pty, restrict and the no-*-forwarding options)", name)
		}
		if seen[lname] && (lname == "role" || lname == "lang") {
			return nil, fmt.Errorf("option %s given twice", name)
		}
		seen[lname] = true
		if hasValue && lname != "role" && lname != "lang" {
			return nil, fmt.Errorf("option %s takes no value", name)
		}
		switch lname {
		case "role":
			if !hasValue {
				return nil, errors.New("option role needs a value: role=analyst or role=viewer")
			}
			switch r := common.Role(value); r {
			case RoleAnalyst, RoleViewer:
				e.Role = r
			default:
				return nil, fmt.Errorf("role %q: use role=analyst or role=viewer", value)
			}
		case "lang":
			if !hasValue {
				return nil, errors.New("option lang needs a value: lang=de or lang=en")
			}
			switch value {
			case "de", "en":
				e.Lang = i18n.Lang(value)
			default:
				return nil, fmt.Errorf("lang %q: use lang=de or lang=en", value)
			}
		case "no-pty", "restrict":
			e.NoPTY = true
		}
	}
	if seen["pty"] && !seen["no-pty"] {
		e.NoPTY = false
	}
	return e, nil
}

func unquoteOption(v string) (string, error) {
	if strings.HasPrefix(v, `"`) {
		if len(v) < 2 || !strings.HasSuffix(v, `"`) {
			return "", errors.New("unterminated quotes")
		}
		v = v[1 : len(v)-1]
		v = strings.ReplaceAll(v, `\"`, `"`)
	}
	return v, nil
}

func trimSSHPrefix(err error) string { return strings.TrimPrefix(err.Error(), "ssh: ") }

// LoadAuthorizedKeys reads and parses the authorized-keys file at path.
// A file that group or others may change, or that belongs to someone else
// than the server's user or root, is refused (*UnsafeFileError), and so
// is one in a directory others may change.
func LoadAuthorizedKeys(path string) (*KeySet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	if err := checkAuthorizedKeysPlace(path, fi); err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	set, err := ParseAuthorizedKeys(f)
	var kfe *KeyFileError
	if errors.As(err, &kfe) {
		kfe.Path = path
	}
	return set, err
}

// keyFile is the authorized-keys file of a running server. It is read
// again when it changes (size, modification time or inode), so adding a
// user needs no restart. A changed file with an error in a line is
// reported and the keys in force stay. A file that is gone, unreadable or
// open to others (checked every time, as a chmod changes none of the
// above) leaves no key in force until it is back: a deleted file must
// not keep every key it listed valid.
type keyFile struct {
	path string
	log  func(msg string, args ...any)

	mu      sync.Mutex
	set     *KeySet
	id      fileID // of the file set was read from; zero while closed
	checked time.Time
	// What was logged already, so a failure is logged once: why no key is
	// in force (until keys are again), or this version of the file
	// (badID) cannot be used.
	closed closeCause
	badID  fileID
}

// closeCause says why no key is in force.
type closeCause int

const (
	notClosed closeCause = iota
	closedMissing
	closedUnreadable
	closedUnsafe
)

func newKeyFile(path string, log func(string, ...any)) (*keyFile, error) {
	id, err := statID(path)
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	set, err := LoadAuthorizedKeys(path)
	if err != nil {
		return nil, err
	}
	return &keyFile{path: path, log: log, set: set, id: id, checked: time.Now()}, nil
}

// keyRecheck bounds how often the file is looked at.
const keyRecheck = time.Second

// current returns the keys in force, reloading a changed file.
func (k *keyFile) current() *KeySet {
	k.mu.Lock()
	defer k.mu.Unlock()
	if time.Since(k.checked) < keyRecheck {
		return k.set
	}
	k.checked = time.Now()
	id, err := k.look()
	if err != nil {
		k.close(err)
		return k.set
	}
	if id == k.id && k.closed == notClosed {
		return k.set
	}
	set, err := LoadAuthorizedKeys(k.path)
	var kfe *KeyFileError
	switch {
	case errors.As(err, &kfe):
		if id != k.badID {
			k.badID = id
			k.log("authorized keys changed but cannot be used; the keys in force stay", "keys", k.set.Len(), "error", err)
		}
		return k.set
	case err != nil:
		k.close(err)
		return k.set
	}
	k.set, k.id, k.badID, k.closed = set, id, fileID{}, notClosed
	k.log("authorized keys reloaded", "path", k.path, "keys", set.Len())
	return set
}

// look returns the identity of the file, or why it cannot be used: gone,
// unreadable, or open to others (it or its directory).
func (k *keyFile) look() (fileID, error) {
	fi, err := os.Stat(k.path)
	if err != nil {
		return fileID{}, err
	}
	if err := checkAuthorizedKeysPlace(k.path, fi); err != nil {
		return fileID{}, err
	}
	return idOf(fi), nil
}

// close puts no key in force because of err, logging each cause once.
func (k *keyFile) close(err error) {
	cause := closedUnreadable
	var unsafe *UnsafeFileError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		cause = closedMissing
	case errors.As(err, &unsafe):
		cause = closedUnsafe
	}
	if k.closed != cause {
		k.closed = cause
		k.log("authorized keys unusable; no key is accepted until the file is usable again", "path", k.path, "error", err)
	}
	k.set, k.id = &KeySet{}, fileID{}
}
