package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
)

// RecordKeyer derives the disclosure-control record key of a case with
// HMAC-SHA-256 under the store's record-key secret (RecordKeySecretLen
// random bytes kept in the table record_key_secret, see
// docs/privacy.md#record-keys). The keyed identity is the provider code
// and the case id as given in the export, before pseudonymisation: so the
// record key depends neither on row order nor on the pseudonymisation key,
// and re-importing the same export into the same store (with another key,
// or with ids already pseudonymous) gives the same record keys and so the
// same published numbers. Otherwise every store version would draw new
// noise, and averaging versions would remove it.
//
// A RecordKeyer reuses one HMAC state and buffer, so Key allocates
// nothing; it is not safe for concurrent use (make one per goroutine).
type RecordKeyer struct {
	mac hash.Hash
	sum [sha256.Size]byte
	buf []byte
}

// recordKeyLabel separates record keys from anything else ever keyed with
// the same secret. v2: keyed by the store's own secret over provider and
// export case id (v1 was keyed by the pseudonymisation key over the
// pseudonym).
const recordKeyLabel = "lagebild record key v2\x00"

// RecordKeySecretLen is the length of a store's record-key secret.
const RecordKeySecretLen = 32

// NewRecordKeyer returns a keyer for a store's record-key secret.
func NewRecordKeyer(secret []byte) *RecordKeyer {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(recordKeyLabel))
	return &RecordKeyer{mac: hmac.New(sha256.New, m.Sum(nil))}
}

// Key returns the record key of the case caseID (as given in the export)
// of provider: an integer in [0, 2^32). The unit separator between the two
// keeps ("T1", "0x") and ("T10", "x") apart. A cell key is (sum of record
// keys mod 2^32) / 2^32, computed exactly in integer arithmetic by DuckDB.
func (k *RecordKeyer) Key(provider, caseID string) uint64 {
	k.mac.Reset()
	k.buf = append(k.buf[:0], provider...)
	k.buf = append(k.buf, 0x1f)
	k.buf = append(k.buf, caseID...)
	k.mac.Write(k.buf)
	return uint64(binary.BigEndian.Uint32(k.mac.Sum(k.sum[:0])))
}

// RandomSecret returns RecordKeySecretLen random bytes: the record-key
// secret of a new store, or a throwaway key.
func RandomSecret() ([]byte, error) {
	b := make([]byte, RecordKeySecretLen)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("random secret: %w", err)
	}
	return b, nil
}

// ErrNoRecordKeySecret is returned by ReadRecordKeySecret for a store that
// has none: a new, empty store, or one written before stores had secrets.
var ErrNoRecordKeySecret = errors.New("the store has no record-key secret")

// queryRower is what ReadRecordKeySecret needs: *sql.DB, *sql.Conn and
// *sql.Tx all qualify.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// ReadRecordKeySecret returns the record-key secret of the store db, or
// ErrNoRecordKeySecret when it has none (also when it has no table for
// it, as a store of an older schema).
func ReadRecordKeySecret(ctx context.Context, db queryRower) ([]byte, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables()
		WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'record_key_secret'`).Scan(&n)
	if err != nil {
		return nil, fmt.Errorf("reading the record-key secret: %w", err)
	}
	if n == 0 {
		return nil, ErrNoRecordKeySecret
	}
	var secret []byte
	err = db.QueryRowContext(ctx, `SELECT secret FROM record_key_secret`).Scan(&secret)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoRecordKeySecret
	}
	if err != nil {
		return nil, fmt.Errorf("reading the record-key secret: %w", err)
	}
	if len(secret) != RecordKeySecretLen {
		return nil, fmt.Errorf("the store's record-key secret has %d bytes, want %d", len(secret), RecordKeySecretLen)
	}
	return secret, nil
}

// WriteRecordKeySecret stores secret as the record-key secret of db,
// which must not have one yet: a secret is never replaced, since that
// would give the cases already stored record keys no later import can
// reproduce.
func WriteRecordKeySecret(ctx context.Context, db execer, secret []byte) error {
	if len(secret) != RecordKeySecretLen {
		return fmt.Errorf("record-key secret of %d bytes, want %d", len(secret), RecordKeySecretLen)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO record_key_secret(secret) VALUES (?)`, secret); err != nil {
		return fmt.Errorf("writing the record-key secret: %w", err)
	}
	return nil
}
