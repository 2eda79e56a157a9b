package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"testing"
)

// The record key is HMAC-SHA-256 under a secret derived from the key and a
// label, first 4 bytes big-endian; recomputed here from scratch.
func TestRecordKeyDefinition(t *testing.T) {
	secret := []byte("0123456789abcdef")
	k := NewRecordKeyer(secret)
	for _, id := range []string{"", "x", "T01-2014-00001", "0123456789abcdef0123456789abcdef"} {
		m := hmac.New(sha256.New, secret)
		m.Write([]byte(recordKeyLabel))
		m2 := hmac.New(sha256.New, m.Sum(nil))
		m2.Write([]byte(id))
		want := uint64(binary.BigEndian.Uint32(m2.Sum(nil)))
		if got := k.Key(id); got != want {
			t.Errorf("Key(%q) = %d, want %d", id, got, want)
		}
		if k.Key(id) != k.Key(id) || k.Key(id) >= 1<<32 {
			t.Errorf("Key(%q) not stable or out of range", id)
		}
	}
	if NewRecordKeyer([]byte("another secret!!")).Key("x") == k.Key("x") {
		t.Error("record keys do not depend on the secret")
	}
}

func TestRecordKeyAllocatesNothing(t *testing.T) {
	k := NewRecordKeyer([]byte("0123456789abcdef"))
	if n := testing.AllocsPerRun(100, func() { k.Key("T01-2014-00001") }); n > 0 {
		t.Errorf("Key allocates %v times per call", n)
	}
}
