package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const importHeader = "case_id,provider,state,phenomenon,intake,age,gender,access_route,intrinsic_motivation,risk_level,returnee,custody,multi_agency,status,closed,outcome,relapse,contacts"

// importRow is a valid ongoing case; replace fields with strings.Replace
// on this exact text to make it invalid.
const importRow = "K1,T01,DE-BW,right_wing,2021-03,16,male,self,true,standard,false,false,true,ongoing,,,none,3"

func runImportCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"import"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// importFixture writes a key file and returns its path and a directory.
func importFixture(t *testing.T) (dir, keyFile string) {
	t.Helper()
	dir = t.TempDir()
	keyFile = filepath.Join(dir, "pseudonym.key")
	if err := os.WriteFile(keyFile, []byte("0123456789abcdef0123456789abcdef\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LAGEBILD_PSEUDONYM_KEY", "")
	return dir, keyFile
}

// writeKeyFile writes a pseudonymisation key file with mode perm.
func writeKeyFile(t *testing.T, dir, name, key string, perm os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(key+"\n"), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, perm); err != nil { // past the umask
		t.Fatal(err)
	}
	return p
}

func writeExport(t *testing.T, dir, name string, lines ...string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportCommandSuccess(t *testing.T) {
	dir, keyFile := importFixture(t)
	a := writeExport(t, dir, "a.csv", importHeader, importRow,
		strings.Replace(importRow, "K1,", "K2,", 1))
	b := writeExport(t, dir, "b.csv", strings.ReplaceAll(importHeader, ",", ";"),
		strings.ReplaceAll(strings.Replace(importRow, "T01", "T02", 1), ",", ";"))
	db := filepath.Join(dir, "cases.db")
	// Flags may follow the files.
	code, out, errOut := runImportCmd(t, a, "--db", db, "--key-file", keyFile, b)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{a + ": 2 rows, providers T01", b + ": 1 rows, providers T02",
		"imported 3 rows from 2 file(s); the store now holds 3 cases", "re-identification risk"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	// The key may come from the environment; a second import adds to the store.
	t.Setenv("LAGEBILD_PSEUDONYM_KEY", "0123456789abcdef0123456789abcdef")
	c := writeExport(t, dir, "c.csv", importHeader, strings.Replace(importRow, "K1,", "K3,", 1))
	code, out, errOut = runImportCmd(t, "--db", db, "--k", "3", c)
	if code != exitOK || !strings.Contains(out, "the store now holds 4 cases") || !strings.Contains(out, "k=3") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestImportCommandInvalidInputExit2(t *testing.T) {
	dir, keyFile := importFixture(t)
	cases := []struct {
		name  string
		lines []string
		want  string
	}{
		{"unknown code", []string{importHeader, strings.Replace(importRow, "DE-BW", "DE-XX", 1)},
			`:2:state: value "DE-XX": unknown code (allowed: DE-BW, DE-BY`},
		{"bad month", []string{importHeader, strings.Replace(importRow, "2021-03", "2021-13", 1)},
			`:2:intake: value "2021-13": not a month`},
		{"closed before intake", []string{importHeader, strings.Replace(importRow, "ongoing,,", "closed_regular,2020-12,distanced", 1)},
			`:2:closed: value "2020-12": closed before intake (2021-03)`},
		{"outcome on open case", []string{importHeader, strings.Replace(importRow, "ongoing,,", "ongoing,,distanced", 1)},
			`:2:outcome: value "distanced": outcome is only allowed for closed cases`},
		{"missing required column", []string{strings.Replace(importHeader, "risk_level", "risk", 1), importRow},
			`:1:risk_level: required column missing`},
		{"identifier Nachname", []string{importHeader + ",Nachname", importRow + ",Meier"},
			`:1:Nachname: column looks like a direct identifier (a person's name)`},
		{"identifier email", []string{importHeader + ",email", importRow + ",x@example.org"},
			`:1:email: column looks like a direct identifier (an e-mail address)`},
		{"unknown column", []string{importHeader + ",shoe_size", importRow + ",42"},
			`:1:shoe_size: unknown column; only the schema's columns are stored (use --drop-unknown to drop it)`},
		{"age out of range", []string{importHeader, strings.Replace(importRow, ",16,", ",101,", 1)},
			`:2:age: value "101": age out of range; must be 10–99`},
		{"bad bool", []string{importHeader, strings.Replace(importRow, "true,standard", "maybe,standard", 1)},
			`:2:intrinsic_motivation: value "maybe": not a boolean (allowed: true, false, 1, 0, ja, nein, yes, no, wahr, falsch)`},
		{"negative contacts", []string{importHeader, strings.Replace(importRow, ",none,3", ",none,-3", 1)},
			`:2:contacts: value "-3": must be a whole number ≥ 0`},
		{"duplicate case id", []string{importHeader, importRow, importRow},
			`:3:case_id: value "K1": duplicate case_id for provider T01: same as line 2`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := writeExport(t, dir, "bad.csv", tc.lines...)
			db := filepath.Join(dir, "bad.db")
			code, out, errOut := runImportCmd(t, "--db", db, "--key-file", keyFile, f)
			if code != exitUsage {
				t.Fatalf("exit %d, want 2; stderr:\n%s", code, errOut)
			}
			if !strings.Contains(errOut, f+tc.want) {
				t.Errorf("stderr lacks %q:\n%s", f+tc.want, errOut)
			}
			if !strings.Contains(errOut, "nothing was imported") || out != "" {
				t.Errorf("stdout %q, stderr:\n%s", out, errOut)
			}
			if _, err := os.Stat(db); err == nil {
				t.Error("store created despite errors")
			}
		})
	}
	// With --drop-unknown the unknown column goes, the identifier never.
	f := writeExport(t, dir, "x.csv", importHeader+",shoe_size", importRow+",42")
	if code, out, errOut := runImportCmd(t, "--db", filepath.Join(dir, "x.db"), "--key-file", keyFile, "--drop-unknown", f); code != exitOK ||
		!strings.Contains(out, "dropped unknown columns: shoe_size") {
		t.Errorf("--drop-unknown: exit %d\n%s%s", code, out, errOut)
	}
	g := writeExport(t, dir, "y.csv", importHeader+",E-Mail", importRow+",x@example.org")
	if code, _, errOut := runImportCmd(t, "--db", filepath.Join(dir, "y.db"), "--key-file", keyFile, "--drop-unknown", g); code != exitUsage ||
		!strings.Contains(errOut, ":1:E-Mail: column looks like a direct identifier") {
		t.Errorf("--drop-unknown with identifier: exit %d\n%s", code, errOut)
	}
}

func TestImportCommandErrorsEachOnALine(t *testing.T) {
	dir, keyFile := importFixture(t)
	f := writeExport(t, dir, "many.csv", importHeader,
		strings.Replace(importRow, "DE-BW", "Bayern", 1),
		strings.Replace(strings.Replace(importRow, "K1,", "K2,", 1), ",16,", ",7,", 1),
		strings.Replace(importRow, "K1,", "K3,", 1),
		strings.Replace(strings.Replace(importRow, "K1,", "K4,", 1), "male", "m", 1))
	code, _, errOut := runImportCmd(t, "--db", filepath.Join(dir, "s.db"), "--key-file", keyFile, f)
	if code != exitUsage {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	want := []string{
		f + `:2:state: value "Bayern": unknown code`,
		f + `:3:age: value "7": age out of range`,
		f + `:5:gender: value "m": unknown code (allowed: female, male, diverse, unknown)`,
		"lagebild import: 3 error(s); nothing was imported, the store is unchanged",
	}
	if len(lines) != len(want) {
		t.Fatalf("stderr:\n%s", errOut)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: %q, want prefix %q", i+1, lines[i], w)
		}
	}
}

func TestImportCommandUsage(t *testing.T) {
	dir, keyFile := importFixture(t)
	f := writeExport(t, dir, "a.csv", importHeader, importRow)
	db := filepath.Join(dir, "s.db")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no key", []string{"--db", db, f}, exitUsage, "no pseudonymisation key: give --key-file or set LAGEBILD_PSEUDONYM_KEY"},
		{"short key", []string{"--db", db, "--key-file", writeKeyFile(t, dir, "short.key", "abc", 0o600), f}, exitUsage, "too short: 3 bytes, need at least 16"},
		{"weak key", []string{"--db", db, "--key-file", writeKeyFile(t, dir, "weak.key", strings.Repeat("a", 16), 0o600), f}, exitUsage, "only 1 distinct bytes, need at least 8"},
		{"spaces as key", []string{"--db", db, "--key-file", writeKeyFile(t, dir, "spaces.key", strings.Repeat(" ", 20), 0o600), f}, exitUsage, "weak pseudonymisation key"},
		{"world-readable key file", []string{"--db", db, "--key-file", writeKeyFile(t, dir, "open.key", "0123456789abcdef-open", 0o644), f}, exitUsage, "has mode 0644"},
		{"world-writable key file", []string{"--db", db, "--key-file", writeKeyFile(t, dir, "ww.key", "0123456789abcdef-open", 0o602), f}, exitUsage, "has mode 0602"},
		{"missing key file", []string{"--db", db, "--key-file", filepath.Join(dir, "nokey"), f}, exitUsage, "reading pseudonymisation key"},
		{"no db", []string{"--key-file", keyFile, f}, exitUsage, "--db FILE is required"},
		{"no files", []string{"--db", db, "--key-file", keyFile}, exitUsage, "no export files given"},
		{"missing file", []string{"--db", db, "--key-file", keyFile, filepath.Join(dir, "missing.csv")}, exitUsage, "no such file"},
		{"bad k", []string{"--db", db, "--key-file", keyFile, "--k", "1", f}, exitUsage, "--k must be at least 2"},
		{"unknown flag", []string{"--db", db, "--frobnicate", f}, exitUsage, "unknown flag --frobnicate"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runImportCmd(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d (want %d), stderr:\n%s", code, tc.code, errOut)
			}
			if _, err := os.Stat(db); err == nil {
				t.Error("store created")
			}
		})
	}
	// A key file and the environment variable: refused, naming both.
	t.Setenv("LAGEBILD_PSEUDONYM_KEY", "0123456789abcdef-from-the-environment")
	code, _, errOut := runImportCmd(t, "--db", db, "--key-file", keyFile, f)
	if code != exitUsage || !strings.Contains(errOut, "--key-file "+keyFile) || !strings.Contains(errOut, "LAGEBILD_PSEUDONYM_KEY") {
		t.Errorf("two key sources: exit %d, stderr:\n%s", code, errOut)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("store created")
	}
	t.Setenv("LAGEBILD_PSEUDONYM_KEY", "")
	// Ids that already are pseudonyms need no key.
	code, out, errOut := runImportCmd(t, "--db", db, "--ids-pseudonymous", f)
	if code != exitOK || !strings.Contains(out, "imported 1 rows") {
		t.Errorf("--ids-pseudonymous: exit %d\n%s%s", code, out, errOut)
	}
}

func TestImportCommandHelp(t *testing.T) {
	code, out, _ := runImportCmd(t, "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Usage: lagebild import --db FILE", "Examples:", "lagebild import --db cases.db --key-file", "-drop-unknown", "-ids-pseudonymous", "Exit status"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}

// storeRecordKeys returns the sorted record keys of a store file.
func storeRecordKeys(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var keys string
	if err := db.QueryRow(`SELECT string_agg(rkey::VARCHAR, ',' ORDER BY rkey) FROM case_records`).Scan(&keys); err != nil {
		t.Fatal(err)
	}
	return keys
}

// --record-key-from gives a new store the record keys of another store for
// the same export, even under another pseudonymisation key; without it a
// new store has keys of its own. Into a store whose secret differs it is
// bad usage (exit 2) and changes nothing.
func TestImportCommandRecordKeyFrom(t *testing.T) {
	dir, keyFile := importFixture(t)
	otherKey := filepath.Join(dir, "other.key")
	if err := os.WriteFile(otherKey, []byte("another pseudonymisation key, 32\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	lines := []string{importHeader}
	for _, id := range []string{"K1,", "K2,", "K3,", "K4,", "K5,", "K6,"} {
		lines = append(lines, strings.Replace(importRow, "K1,", id, 1))
	}
	export := writeExport(t, dir, "e.csv", lines...)
	a, b, c := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), filepath.Join(dir, "c.db")
	for _, args := range [][]string{
		{"--db", a, "--key-file", keyFile, export},
		{"--db", b, "--key-file", otherKey, "--record-key-from", a, export},
		{"--db", c, "--key-file", keyFile, export},
	} {
		if code, _, errOut := runImportCmd(t, args...); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	ka, kb, kc := storeRecordKeys(t, a), storeRecordKeys(t, b), storeRecordKeys(t, c)
	if ka != kb {
		t.Errorf("--record-key-from: record keys %s, want %s", kb, ka)
	}
	if ka == kc {
		t.Errorf("two new stores without --record-key-from share record keys %s", ka)
	}
	more := writeExport(t, dir, "more.csv", importHeader, strings.Replace(importRow, "K1,", "K9,", 1))
	code, _, errOut := runImportCmd(t, "--db", b, "--key-file", keyFile, "--record-key-from", c, more)
	if code != exitUsage || !strings.Contains(errOut, "record-key secret") {
		t.Errorf("conflicting --record-key-from: exit %d, stderr %q", code, errOut)
	}
	if storeRecordKeys(t, b) != kb {
		t.Error("the refused import changed the store")
	}
}

// A re-import with another pseudonymisation key is bad usage (exit 2)
// and changes nothing: the store keeps a fingerprint of the key its cases
// were pseudonymised with. The store stays 0600 across re-imports.
func TestImportCommandRefusesAnotherKey(t *testing.T) {
	dir, keyFile := importFixture(t)
	db := filepath.Join(dir, "cases.db")
	export := writeExport(t, dir, "e.csv", importHeader, importRow)
	if code, _, errOut := runImportCmd(t, "--db", db, "--key-file", keyFile, export); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	other := writeKeyFile(t, dir, "other.key", "another pseudonymisation key, 32", 0o600)
	code, _, errOut := runImportCmd(t, "--db", db, "--key-file", other, export)
	if code != exitUsage || !strings.Contains(errOut, "pseudonymised with another key") {
		t.Errorf("another key: exit %d, stderr %q", code, errOut)
	}
	more := writeExport(t, dir, "more.csv", importHeader, strings.Replace(importRow, "K1,", "K2,", 1))
	if code, _, errOut := runImportCmd(t, "--db", db, "--key-file", keyFile, more); code != exitOK {
		t.Fatalf("the store's own key: exit %d: %s", code, errOut)
	}
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("store mode %#o after a re-import, want 0600", perm)
	}
}
