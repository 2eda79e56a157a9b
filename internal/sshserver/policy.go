package sshserver

import (
	"sort"

	"lagebild/tui/common"
)

// The remote policy of the commands: which commands a session may run
// without the TUI, for which role, and how each of their flags is
// treated. The server does not know the commands; the command line
// declares the policy of each flag where it declares the flag
// (cmd/lagebild) and passes the table in as Config.Commands. A flag the
// table does not list is refused, so a flag added to a command later
// stays unavailable over SSH until its declaration says otherwise.

// FlagKind says how a remote command treats one of its flags.
type FlagKind int

const (
	// FlagPassed takes a value and is passed on.
	FlagPassed FlagKind = iota + 1
	// FlagFilter takes a value, is passed on and is part of the case
	// filter: the filter is charged to the key's filter budget before
	// the command runs.
	FlagFilter
	// FlagBool is a boolean, passed on.
	FlagBool
	// FlagLang is the output language, passed on; without it the
	// command gets the key's lang= option (never the client's LANG).
	FlagLang
	// FlagRaiseK is the disclosure-control threshold k: it may only
	// raise the server's k, which the command gets otherwise.
	FlagRaiseK
	// FlagTimeout is a time limit: at most the server's console limit,
	// which the command gets otherwise.
	FlagTimeout
	// FlagMaxRows is a row limit: at most the server's console limit,
	// which the command gets otherwise.
	FlagMaxRows
	// FlagStore names the store file: refused; the command gets the
	// server's store.
	FlagStore
	// FlagSDCConfig names the disclosure-control file: refused; the
	// command gets the server's.
	FlagSDCConfig
	// FlagServerFile names another file on the server: refused.
	FlagServerFile
	// FlagExportOnly applies to export files only, which a remote
	// command never reads: refused.
	FlagExportOnly
)

// refused reports whether a remote user may not give the flag at all.
func (k FlagKind) refused() bool {
	switch k {
	case FlagStore, FlagSDCConfig, FlagServerFile, FlagExportOnly:
		return true
	}
	return false
}

// RemoteFlag is the remote policy of one flag.
type RemoteFlag struct {
	Kind FlagKind
	// AnalystOnly: a viewer may not give the flag; the server's value
	// applies (check's --k and --max-risk: varying them would let a
	// viewer bisect the exact share of records in small equivalence
	// classes).
	AnalystOnly bool
}

// ArgKind says what a remote command's positional arguments are.
type ArgKind int

const (
	// ArgsNone: flags only.
	ArgsNone ArgKind = iota
	// ArgsSQL: the arguments are one SQL statement ("-": read it from
	// the session's input).
	ArgsSQL
	// ArgsExportFiles: the arguments would be export files on the
	// server, which a remote command may not read: refused.
	ArgsExportFiles
)

// RemoteCommand is the remote policy of one command.
type RemoteCommand struct {
	// Role is the least role that may run it (RoleViewer or RoleAnalyst).
	Role common.Role
	// Local: the command writes files on the server and is refused over
	// SSH with a hint to run it on the server itself.
	Local bool
	Args  ArgKind
	// Flags are the command's flags by name (without dashes). The
	// flag package's -h and --help are always allowed.
	Flags map[string]RemoteFlag
}

// flagOf is the name of the command's flag of kind k ("" if none).
func (rc RemoteCommand) flagOf(k FlagKind) string {
	for name, f := range rc.Flags {
		if f.Kind == k {
			return name
		}
	}
	return ""
}

// fixedFor lists the flags ("--name", sorted) the role may not give
// because the server's value applies (AnalystOnly), none for an analyst.
func (rc RemoteCommand) fixedFor(role common.Role) []string {
	var out []string
	if role == RoleAnalyst {
		return out
	}
	for name, f := range rc.Flags {
		if f.AnalystOnly {
			out = append(out, "--"+name)
		}
	}
	sort.Strings(out)
	return out
}

// readsFilter reports whether the command reads cases by a filter, which
// is charged to the key's filter budget before it runs.
func (rc RemoteCommand) readsFilter() bool { return rc.flagOf(FlagFilter) != "" }
