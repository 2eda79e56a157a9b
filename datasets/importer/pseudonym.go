package importer

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

// pseudonymiser replaces a provider's case key by the stored case id:
// the lower-hex of HMAC-SHA-256(key, provider + "\x1f" + case_id),
// truncated to 32 hex digits (128 bits). Including the provider keeps two
// providers' equal case keys apart; the unit separator keeps
// ("T1", "0x") and ("T10", "x") apart. Without a key (ids already
// pseudonymous) the id is stored as given.
type pseudonymiser struct {
	mac hash.Hash // nil: ids are stored as given
	sum [sha256.Size]byte
	hex [idHexLen]byte
}

// idHexLen is the length of a pseudonymised case id in hex digits.
const idHexLen = 32

func newPseudonymiser(key []byte, idsPseudonymous bool) *pseudonymiser {
	p := &pseudonymiser{}
	if !idsPseudonymous {
		p.mac = hmac.New(sha256.New, key)
	}
	return p
}

// pseudonym returns the stored case id and its duplicate-detection key.
func (p *pseudonymiser) pseudonym(provider, caseID string) (string, idKey) {
	if p.mac == nil {
		return caseID, keyOf(caseID)
	}
	p.mac.Reset()
	p.mac.Write([]byte(provider))
	p.mac.Write([]byte{0x1f})
	p.mac.Write([]byte(caseID))
	sum := p.mac.Sum(p.sum[:0])
	var k idKey
	copy(k[:], sum)
	hex.Encode(p.hex[:], sum[:idHexLen/2])
	return string(p.hex[:]), k
}

// idKey identifies a stored case id in the duplicate check with 16 bytes
// instead of a string: a pseudonym's own 128 bits, or for ids stored as
// given the first 128 bits of their SHA-256. keyOf(pseudonym(...)) equals
// the key pseudonym returns, so ids already in the store compare with
// new ones whatever way they were made.
type idKey [16]byte

// keyOf returns the idKey of a stored case id.
func keyOf(storedID string) idKey {
	var k idKey
	if len(storedID) == idHexLen && isLowerHex(storedID) {
		hex.Decode(k[:], []byte(storedID))
		return k
	}
	sum := sha256.Sum256([]byte(storedID))
	copy(k[:], sum[:])
	return k
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
