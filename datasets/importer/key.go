package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// The pseudonymisation key: where it comes from and which keys are
// refused (docs/privacy.md, "The pseudonymisation key"). Whoever holds the
// key and an export can link every stored case back to the export's case
// id, so a key that is easy to guess, that others can read or replace, or
// whose source is ambiguous is refused rather than used.

// KeyEnv is the environment variable LoadKey falls back to.
const KeyEnv = "LAGEBILD_PSEUDONYM_KEY"

// MinKeyLen is the shortest accepted pseudonymisation key, in bytes.
const MinKeyLen = 16

// MinKeyDistinct is the fewest distinct byte values an accepted key has:
// it refuses keys of one repeated character ("aaaa…"), of whitespace only,
// or of a short pattern repeated ("abab…").
const MinKeyDistinct = 8

// maxKeyFile bounds what LoadKey reads from a key file.
const maxKeyFile = 64 << 10

// ErrWeakKey is returned for a key shorter than MinKeyLen bytes or with
// fewer than MinKeyDistinct distinct bytes.
var ErrWeakKey = errors.New("weak pseudonymisation key")

// ErrAmbiguousKey is returned by LoadKey when both a key file and the
// environment variable KeyEnv give a key: which one is meant cannot be
// told, and taking either silently could pseudonymise with the wrong key.
var ErrAmbiguousKey = errors.New("two sources of the pseudonymisation key")

// ErrKeyFileMode is returned by LoadKey for a key file that others may
// read, or that anyone but its owner may write (mode bits 0o026): others
// could read the key, or replace it with one they know.
var ErrKeyFileMode = errors.New("pseudonymisation key file is open to others")

// keyFileOpenBits are the mode bits a key file may not have: written by
// its group, read or written by others.
const keyFileOpenBits = 0o026

// LoadKey returns the pseudonymisation key: the contents of keyFile
// without its trailing line break, or, when keyFile is "", the value of
// LAGEBILD_PSEUDONYM_KEY. It returns nil and no error when keyFile is ""
// and the variable is unset or empty (the caller decides whether a key is
// needed, see ErrNoKey). Refused: both sources at once (ErrAmbiguousKey),
// a key file open to others (ErrKeyFileMode), a weak key (ErrWeakKey).
func LoadKey(keyFile string) ([]byte, error) {
	env := os.Getenv(KeyEnv)
	if keyFile == "" {
		if env == "" {
			return nil, nil
		}
		return strongKey([]byte(env), KeyEnv)
	}
	if env != "" {
		return nil, fmt.Errorf("%w: --key-file %s and the environment variable %s are both set; give only one", ErrAmbiguousKey, keyFile, KeyEnv)
	}
	key, err := readKeyFile(keyFile)
	if err != nil {
		return nil, err
	}
	return strongKey(key, keyFile)
}

// strongKey returns key, or the error of checkKeyStrength.
func strongKey(key []byte, source string) ([]byte, error) {
	if err := checkKeyStrength(key, source); err != nil {
		return nil, err
	}
	return key, nil
}

// readKeyFile reads a key file after checking, on the open file, that it
// is a regular file closed to others.
func readKeyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading pseudonymisation key: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading pseudonymisation key: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("pseudonymisation key file %s is not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&keyFileOpenBits != 0 {
		return nil, fmt.Errorf("%w: %s has mode %#o; make it readable by its owner (and group) only: chmod 600 %s", ErrKeyFileMode, path, perm, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return nil, fmt.Errorf("reading pseudonymisation key: %w", err)
	}
	if len(b) > maxKeyFile {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes: not a key file", ErrWeakKey, path, maxKeyFile)
	}
	key := bytes.TrimRight(b, "\r\n")
	if len(key) == 0 {
		return nil, fmt.Errorf("pseudonymisation key file %s is empty", path)
	}
	return key, nil
}

// checkKeyStrength refuses a key shorter than MinKeyLen bytes or with
// fewer than MinKeyDistinct distinct byte values; source names where the
// key came from.
func checkKeyStrength(key []byte, source string) error {
	const advice = "(e.g. 32 random bytes: head -c 32 /dev/urandom | base64 > key)"
	if len(key) < MinKeyLen {
		return fmt.Errorf("%w: the key from %s is too short: %d bytes, need at least %d %s",
			ErrWeakKey, source, len(key), MinKeyLen, advice)
	}
	var seen [256]bool
	distinct := 0
	for _, c := range key {
		if !seen[c] {
			seen[c] = true
			distinct++
		}
	}
	if distinct < MinKeyDistinct {
		return fmt.Errorf("%w: the key from %s has only %d distinct bytes, need at least %d %s",
			ErrWeakKey, source, distinct, MinKeyDistinct, advice)
	}
	return nil
}
