package store

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
)

// RecordKeyer derives the disclosure-control record key of a case from its
// pseudonymised case key with HMAC-SHA-256. The key is a fixed function of
// the record, never of row order, so the same records give the same cell
// keys in every table, session and store built from the same export with
// the same secret.
//
// A RecordKeyer reuses one HMAC state, so Key allocates nothing; it is not
// safe for concurrent use (make one per goroutine).
type RecordKeyer struct {
	mac hash.Hash
	sum [sha256.Size]byte
	buf []byte
}

// recordKeyLabel separates record keys from pseudonyms made with the same
// secret.
const recordKeyLabel = "lagebild record key v1\x00"

// NewRecordKeyer returns a keyer for secret. The importer passes its
// pseudonymisation key, so a re-import of the same export gives the same
// record keys; without a key it uses RandomSecret.
func NewRecordKeyer(secret []byte) *RecordKeyer {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(recordKeyLabel))
	return &RecordKeyer{mac: hmac.New(sha256.New, m.Sum(nil))}
}

// Key returns the record key of a pseudonymised case key: an integer in
// [0, 2^32). A cell key is (sum of record keys mod 2^32) / 2^32, computed
// exactly in integer arithmetic by DuckDB.
func (k *RecordKeyer) Key(caseID string) uint64 {
	k.mac.Reset()
	k.buf = append(k.buf[:0], caseID...)
	k.mac.Write(k.buf)
	return uint64(binary.BigEndian.Uint32(k.mac.Sum(k.sum[:0])))
}

// RandomSecret returns 32 random bytes for a store whose ids came
// pseudonymised and no key was given. Such record keys are fixed for the
// store's lifetime but differ between two imports of the same export.
func RandomSecret() ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("random record-key secret: %w", err)
	}
	return b, nil
}
