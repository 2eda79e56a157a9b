package sshserver

import (
	"errors"
	"time"
)

// Reload is what SIGHUP does to a running server (docs/ssh.md,
// "Signals"): the authorized-keys file is read again at once, and the
// audit log is closed and opened again at its path, so that a log moved
// away by a rotation is continued in a new file. It records a reload
// event with the number of keys in force. A key file that cannot be used
// keeps the keys loaded before (as on any change of the file); the error
// is returned and logged.
func (s *Server) Reload() error {
	keysErr := s.keys.reloadNow()
	auditErr := s.audit.Reopen()
	fields := map[string]any{"keys": s.keys.current().Len(), "keys_reloaded": keysErr == nil, "audit_reopened": auditErr == nil}
	s.audit.Post("reload", fields)
	err := errors.Join(keysErr, auditErr)
	if err != nil {
		s.log.Warn("reload (SIGHUP)", "keys", fields["keys"], "error", err)
	} else {
		s.log.Info("reload (SIGHUP)", "keys", fields["keys"])
	}
	return err
}

// errKeysNotReloaded: the authorized-keys file could not be used. When it
// is missing, unreadable or open to others no key is in force; when it
// only fails to parse, the keys loaded before stay (docs/ssh.md, key files).
var errKeysNotReloaded = errors.New("authorized keys not reloaded (see the log for why and which keys are in force)")

// reloadNow reads the key file again whether or not it looks changed.
func (k *keyFile) reloadNow() error {
	k.mu.Lock()
	k.checked, k.id, k.badID = time.Time{}, fileID{}, fileID{}
	k.mu.Unlock()
	k.current()
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed != notClosed || k.badID != (fileID{}) {
		return errKeysNotReloaded
	}
	return nil
}
