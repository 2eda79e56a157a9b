package common

// Role is what a session may do (docs/ssh.md): every role sees the views
// and exports, always protected; an analyst has the read-only SQL console
// too.
type Role string

// The roles.
const (
	RoleViewer  Role = "viewer"
	RoleAnalyst Role = "analyst"
)
