package store

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"testing"
)

// The record key is HMAC-SHA-256 under a secret derived from the store's
// secret and a label, over provider, unit separator and export case id,
// first 4 bytes big-endian; recomputed here from scratch.
func TestRecordKeyDefinition(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	k := NewRecordKeyer(secret)
	for _, c := range [][2]string{{"T01", ""}, {"T01", "x"}, {"T01", "T01-2014-00001"}, {"p.1", "0123456789abcdef0123456789abcdef"}} {
		m := hmac.New(sha256.New, secret)
		m.Write([]byte(recordKeyLabel))
		m2 := hmac.New(sha256.New, m.Sum(nil))
		m2.Write([]byte(c[0] + "\x1f" + c[1]))
		want := uint64(binary.BigEndian.Uint32(m2.Sum(nil)))
		got := k.Key(c[0], c[1])
		if got != want {
			t.Errorf("Key(%q, %q) = %d, want %d", c[0], c[1], got, want)
		}
		if NewRecordKeyer(secret).Key(c[0], c[1]) != got || got >= 1<<32 {
			t.Errorf("Key(%q, %q) not stable or out of range", c[0], c[1])
		}
	}
	if NewRecordKeyer([]byte("another secret!!")).Key("T1", "x") == k.Key("T1", "x") {
		t.Error("record keys do not depend on the secret")
	}
	if k.Key("T1", "0x") == k.Key("T10", "x") {
		t.Error("provider and case id run together")
	}
}

func TestRecordKeyAllocatesNothing(t *testing.T) {
	k := NewRecordKeyer([]byte("0123456789abcdef"))
	if n := testing.AllocsPerRun(100, func() { k.Key("T01", "T01-2014-00001") }); n > 0 {
		t.Errorf("Key allocates %v times per call", n)
	}
}

// A new store has no secret; one written is read back, and the table
// takes no second one and no secret of another length.
func TestRecordKeySecretTable(t *testing.T) {
	db, ctx := schemaDB(t)
	if _, err := ReadRecordKeySecret(ctx, db); !errors.Is(err, ErrNoRecordKeySecret) {
		t.Fatalf("new store: %v, want ErrNoRecordKeySecret", err)
	}
	secret, err := RandomSecret()
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteRecordKeySecret(ctx, db, secret[:16]); err == nil {
		t.Error("a 16-byte secret was accepted")
	}
	if err := WriteRecordKeySecret(ctx, db, secret); err != nil {
		t.Fatal(err)
	}
	got, err := ReadRecordKeySecret(ctx, db)
	if err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("read back %x, %v; want %x", got, err, secret)
	}
	other, _ := RandomSecret()
	if err := WriteRecordKeySecret(ctx, db, other); err == nil {
		t.Error("a second secret was accepted")
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO record_key_secret(one, secret) VALUES (false, ?)`, other); err == nil {
		t.Error("a second row was accepted")
	}
	// a database without the table (a store of an older schema)
	if _, err := db.ExecContext(ctx, `DROP TABLE record_key_secret`); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRecordKeySecret(ctx, db); !errors.Is(err, ErrNoRecordKeySecret) {
		t.Errorf("no table: %v, want ErrNoRecordKeySecret", err)
	}
}
