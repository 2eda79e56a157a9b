package sshserver

import "fmt"

// The policy's kinds as words, so that a policy table reads (and is
// written, e.g. in JSON) as text: the server's tests take the table
// cmd/lagebild declares from one file (testdata/remote_commands.json)
// that cmd/lagebild's tests compare with the real table.

var flagKindNames = map[FlagKind]string{
	FlagPassed: "passed", FlagFilter: "filter", FlagBool: "bool", FlagLang: "lang",
	FlagRaiseK: "raise-k", FlagTimeout: "timeout", FlagMaxRows: "max-rows", FlagStore: "store",
	FlagSDCConfig: "sdc-config", FlagServerFile: "server-file", FlagExportOnly: "export-only",
}

var argKindNames = map[ArgKind]string{ArgsNone: "none", ArgsSQL: "sql", ArgsExportFiles: "export-files"}

func (k FlagKind) String() string { return nameOf(flagKindNames, k) }

// MarshalText writes the kind as its word.
func (k FlagKind) MarshalText() ([]byte, error) { return marshalKind(flagKindNames, k) }

// UnmarshalText reads a kind written by MarshalText.
func (k *FlagKind) UnmarshalText(b []byte) error { return unmarshalKind(flagKindNames, k, b) }

func (a ArgKind) String() string { return nameOf(argKindNames, a) }

// MarshalText writes the kind as its word.
func (a ArgKind) MarshalText() ([]byte, error) { return marshalKind(argKindNames, a) }

// UnmarshalText reads a kind written by MarshalText.
func (a *ArgKind) UnmarshalText(b []byte) error { return unmarshalKind(argKindNames, a, b) }

func nameOf[K comparable](names map[K]string, k K) string {
	if n, ok := names[k]; ok {
		return n
	}
	return fmt.Sprintf("%T(%d)", k, any(k))
}

func marshalKind[K comparable](names map[K]string, k K) ([]byte, error) {
	n, ok := names[k]
	if !ok {
		return nil, fmt.Errorf("%T: unknown kind", k)
	}
	return []byte(n), nil
}

func unmarshalKind[K comparable](names map[K]string, k *K, b []byte) error {
	for kind, n := range names {
		if n == string(b) {
			*k = kind
			return nil
		}
	}
	return fmt.Errorf("%T: unknown kind %q", *k, b)
}
