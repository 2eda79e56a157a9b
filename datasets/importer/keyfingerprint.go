package importer

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"lagebild/datasets/store"
)

// A store remembers which pseudonymisation key its cases were
// pseudonymised with, by a fingerprint, so that an import with another key
// is refused: the same export under another key gets other pseudonyms,
// the duplicate check cannot see them, and every case would be stored
// twice. The fingerprint is HMAC-SHA-256 under the key of a fixed label,
// not the key nor a plain hash of it (docs/privacy.md, "The
// pseudonymisation key").

// ErrKeyMismatch is returned when the store's cases were pseudonymised
// with another key than the one given.
var ErrKeyMismatch = errors.New("the store's cases were pseudonymised with another key")

// keyFingerprintLabel is what the fingerprint is an HMAC of; it keys
// nothing else.
const keyFingerprintLabel = "lagebild pseudonymisation key fingerprint v1"

// keyFingerprint returns the fingerprint of a pseudonymisation key: the
// first 128 bits of HMAC-SHA-256(key, label), in lower hex.
func keyFingerprint(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(keyFingerprintLabel))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// checkKeyFingerprint refuses key (ErrKeyMismatch) when the store db
// records the fingerprint of another key. Without a key (ids already
// pseudonymous) nothing is pseudonymised and nothing is checked; a store
// without a fingerprint (new, or only ids given as pseudonyms so far)
// takes the key's when recordKeyFingerprint runs.
func checkKeyFingerprint(ctx context.Context, db queryRower, key []byte) error {
	if key == nil {
		return nil
	}
	var stored string
	err := db.QueryRowContext(ctx, `SELECT value FROM store_meta WHERE key = ?`, store.MetaKeyFingerprint).Scan(&stored)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("reading store_meta: %w", err)
	case !hmac.Equal([]byte(stored), []byte(keyFingerprint(key))):
		return fmt.Errorf("%w: importing with this key would store the same cases again under other pseudonyms; give the key the store was built with, or import into a new store", ErrKeyMismatch)
	}
	return nil
}

// recordKeyFingerprint records the fingerprint of key in db (nothing
// without a key).
func recordKeyFingerprint(ctx context.Context, db execer, key []byte) error {
	if key == nil {
		return nil
	}
	return store.SetMeta(ctx, db, store.MetaKeyFingerprint, keyFingerprint(key))
}

// queryRower is what checkKeyFingerprint needs: *sql.DB, *sql.Conn and
// *sql.Tx all qualify.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// useStoreKeys takes the keys of the store db is building before the
// first case is written: the record-key secret (storeSecret) for the
// run's record keys, and the pseudonymisation key checked against the
// store's fingerprint. Both ways into a store (ImportInto, ImportToStore)
// call it, so neither can skip the check.
func (r *run) useStoreKeys(ctx context.Context, db *sql.DB) error {
	secret, err := storeSecret(ctx, db, r.opts.RecordKeyFrom)
	if err != nil {
		return err
	}
	r.keySecret = secret
	return checkKeyFingerprint(ctx, db, r.pseudonymKey())
}

// pseudonymKey is the key the run pseudonymises with: nil when the ids
// are stored as given.
func (r *run) pseudonymKey() []byte {
	if r.opts.IDsPseudonymous {
		return nil
	}
	return r.opts.Key
}
