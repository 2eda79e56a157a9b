package main

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// setFileSizeLimit sets the soft RLIMIT_FSIZE of process pid (the hard
// limit stays unlimited, so the limit can be raised again): past it a
// write to a regular file fails with EFBIG, as on a full disk, and a
// write that crosses it is cut short.
func setFileSizeLimit(t *testing.T, pid int, limit uint64) {
	t.Helper()
	lim := syscall.Rlimit{Cur: limit, Max: ^uint64(0)}
	if _, _, errno := syscall.RawSyscall6(syscall.SYS_PRLIMIT64, uintptr(pid), uintptr(syscall.RLIMIT_FSIZE),
		uintptr(unsafe.Pointer(&lim)), 0, 0, 0); errno != 0 {
		t.Skipf("prlimit: %v", errno)
	}
}

// TestServeAuditDiskFull (issue #17, item 5): when the audit log cannot be
// written, new sessions are refused and no half line is left in it; once
// it can be written again, new sessions work without a restart and the
// log says since when it failed.
func TestServeAuditDiskFull(t *testing.T) {
	user := testSigner(t)
	sp := startServeProcess(t, []string{authLine("", user) + " vera"})
	if _, errOut, code := sp.run(t, user, "help"); code != 0 {
		t.Fatalf("help: exit %d: %s", code, errOut)
	}
	waitForEvent(t, sp.auditPath, "session_end")
	fi, err := os.Stat(sp.auditPath)
	if err != nil {
		t.Fatal(err)
	}
	// Room for a few more lines, then the "disk" is full.
	limit := uint64(fi.Size()) + 700
	setFileSizeLimit(t, sp.cmd.Process.Pid, limit)
	refused := false
	for range 20 {
		_, errOut, code := sp.run(t, user, "help")
		if code != 0 {
			if !strings.Contains(errOut, "audit log cannot be written") {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			refused = true
			break
		}
	}
	if !refused {
		t.Fatal("sessions were not refused with a full audit disk")
	}
	fi, _ = os.Stat(sp.auditPath)
	if uint64(fi.Size()) > limit {
		t.Fatalf("audit log %d bytes over the limit %d", fi.Size(), limit)
	}
	auditEvents(t, sp.auditPath) // every line whole
	if b, _ := os.ReadFile(sp.auditPath); len(b) > 0 && b[len(b)-1] != '\n' {
		t.Fatalf("the audit log ends in half a line: %q", b[max(0, len(b)-80):])
	}
	// Space again: the next session works, without a restart.
	setFileSizeLimit(t, sp.cmd.Process.Pid, ^uint64(0))
	if _, errOut, code := sp.run(t, user, "help"); code != 0 {
		t.Fatalf("after space was freed: exit %d: %s", code, errOut)
	}
	names := waitForSequence(t, sp.auditPath, "audit_recovered session_start command session_end")
	if !strings.Contains(names, "audit_recovered session_start command session_end") {
		t.Errorf("events after recovery: %s", names)
	}
	// What was refused while the disk was full is on record now.
	if !strings.Contains(names, "session_refused") {
		t.Errorf("the refusal was not kept for after the recovery: %s", names)
	}
}
