package sshserver

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"lagebild/tui/common"
)

// Commands without a PTY: `ssh host brief --format md > briefing.md` runs
// the command-line code on the server and streams its output. The server,
// not the user, decides which store a command reads: a remote command may
// not name a file on the server (--db, --sdc-config, --figures, EXPORT
// arguments are refused) and gets the server's store and disclosure
// control instead. Flags are checked against the policy the command line
// declares with each flag (policy.go).

// commandPolicy is what the server adds to and enforces on a remote command.
type commandPolicy struct {
	commands   map[string]RemoteCommand
	dbPath     string // --db of every command that reads the store ("" = embedded data)
	sdcConfig  string // the operator's disclosure-control file, if any
	k          int    // the server's k; remote --k may only raise it
	maxTimeout time.Duration
	maxRows    int
}

// preparedCommand is a remote command checked and rewritten for the
// command-line dispatcher.
type preparedCommand struct {
	name string
	// argv is what the dispatcher runs: the name, the server's flags,
	// the user's flags, and for query "--" and the statement.
	argv []string
	// userArgs are the user's flags as given (for the audit log).
	userArgs []string
	// filterArgs are the user's filter flags ("--name=value") of a
	// command that reads cases by a filter (non-nil then, empty for all
	// cases); nil for other commands and for --help.
	filterArgs []string
	// sql is the statement of a query ("-": read it from stdin).
	sql  string
	help bool // `help`: the server prints the remote help itself
}

// CommandError is a remote command the server refuses.
type CommandError struct{ Msg string }

func (e *CommandError) Error() string { return e.Msg }

func refuse(format string, a ...any) error { return &CommandError{Msg: fmt.Sprintf(format, a...)} }

// prepareCommand checks the raw command of an SSH exec request for the
// role and returns what to run.
func prepareCommand(role common.Role, lang, raw string, p commandPolicy) (*preparedCommand, error) {
	words, err := splitWords(raw)
	if err != nil {
		return nil, refuse("cannot read the command: %v", err)
	}
	if len(words) > 0 && words[0].text == "lagebild" {
		words = words[1:]
	}
	if len(words) == 0 {
		return nil, refuse("no command given")
	}
	name := words[0].text
	if name == "help" || name == "--help" || name == "-h" {
		return &preparedCommand{name: "help", help: true}, nil
	}
	rc, err := p.command(name, role)
	if err != nil {
		return nil, err
	}
	args, err := p.parseArgs(name, rc, role, raw, words[1:])
	if err != nil {
		return nil, err
	}
	if rc.Args == ArgsSQL && strings.TrimSpace(args.sql) == "" && !args.helpBare() {
		return nil, refuse("query needs a statement: ssh … query \"SELECT …\", or pipe it in with ssh … query -")
	}
	pc := &preparedCommand{name: name, sql: args.sql, userArgs: args.audited()}
	if rc.readsFilter() && !args.helpOn() {
		pc.filterArgs = args.ofKind(FlagFilter)
	}
	pc.argv = p.argv(name, rc, lang, args)
	return pc, nil
}

// command is the policy of the named command for the role, or why the
// role may not run it over SSH.
func (p commandPolicy) command(name string, role common.Role) (RemoteCommand, error) {
	rc, ok := p.commands[name]
	switch {
	case ok && rc.Local:
		return rc, refuse("%q is not available over SSH: it writes files on the server. Run it on the server itself.", name)
	case !ok && strings.HasPrefix(name, "-"):
		return rc, refuse("the TUI's flags are not available over SSH; connect with a terminal (ssh -t) for the TUI, or run a command")
	case !ok:
		return rc, refuse("unknown command %q", name)
	case rc.Role == RoleAnalyst && role != RoleAnalyst:
		return rc, refuse("%q needs the analyst role; your key has the %s role", name, role)
	}
	return rc, nil
}

// userFlag is one flag the user gave, normalised to "--name" or
// "--name=value".
type userFlag struct {
	arg  string
	kind FlagKind
}

// remoteArgs are the user's arguments of a remote command, checked.
type remoteArgs struct {
	flags []userFlag
	k     int    // a raised --k (0: none); the server writes it
	sql   string // the statement of a command with ArgsSQL
}

// parseArgs checks the words after the command name against its policy.
func (p commandPolicy) parseArgs(name string, rc RemoteCommand, role common.Role, raw string, rest []word) (*remoteArgs, error) {
	a := &remoteArgs{}
	for i := 0; i < len(rest); i++ {
		arg := rest[i].text
		if arg == "--" {
			return a, a.positional(name, rc, raw, rest[i+1:], true)
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			return a, a.positional(name, rc, raw, rest[i:], false)
		}
		fname := strings.TrimLeft(arg, "-")
		if len(arg)-len(fname) > 2 || fname == "" {
			return nil, refuse("bad flag syntax %q", arg)
		}
		value, hasValue := "", false
		if j := strings.IndexByte(fname, '='); j >= 0 {
			fname, value, hasValue = fname[:j], fname[j+1:], true
		}
		f, err := p.flag(name, rc, role, fname)
		if err != nil {
			return nil, err
		}
		if f.Kind == FlagBool {
			if err := a.addBool(fname, value, hasValue); err != nil {
				return nil, err
			}
			continue
		}
		if !hasValue {
			if i+1 >= len(rest) {
				return nil, refuse("flag --%s needs a value", fname)
			}
			i++
			value = rest[i].text
		}
		if err := a.addValue(fname, f.Kind, value, p); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// flag is the policy of the command's flag fname, or why it is refused.
func (p commandPolicy) flag(name string, rc RemoteCommand, role common.Role, fname string) (RemoteFlag, error) {
	f, ok := rc.Flags[fname]
	if fname == "help" || fname == "h" {
		f, ok = RemoteFlag{Kind: FlagBool}, true
	}
	switch {
	case !ok:
		return f, refuse("flag --%s is not available for %s over SSH (allowed: %s)", fname, name, allowedFlags(rc, role))
	case f.AnalystOnly && role != RoleAnalyst:
		return f, refuse("flag --%s of %s is fixed by the server for the %s role: %s", fname, name, role, p.fixedNote(name, rc, role))
	case f.Kind == FlagExportOnly:
		return f, refuse("flag --%s is for export files, which a remote check does not read", fname)
	case f.Kind.refused():
		return f, refuse("flag --%s names a file on the server, which a remote command may not do: the server chooses the store", fname)
	}
	return f, nil
}

// positional takes the words from the first argument on: the statement
// of a command with ArgsSQL, refused for every other. afterDashes: they
// followed "--".
func (a *remoteArgs) positional(name string, rc RemoteCommand, raw string, words []word, afterDashes bool) error {
	switch {
	case rc.Args == ArgsSQL:
		a.sql = sqlRemainder(raw, words)
		return nil
	case len(words) == 0:
		return nil
	case rc.Args == ArgsExportFiles && !afterDashes:
		return refuse("%s reads no export files over SSH (%q): it checks the server's store. Check export files on your own machine with `lagebild %s FILE`.", name, words[0].text, name)
	}
	return refuse("%s takes no arguments over SSH, only flags (got %q)", name, words[0].text)
}

// addBool adds a boolean flag (--name or --name=BOOL).
func (a *remoteArgs) addBool(fname, value string, hasValue bool) error {
	if !hasValue {
		a.flags = append(a.flags, userFlag{"--" + fname, FlagBool})
		return nil
	}
	if _, err := strconv.ParseBool(value); err != nil {
		return refuse("flag --%s: %q is not a boolean", fname, value)
	}
	a.flags = append(a.flags, userFlag{"--" + fname + "=" + value, FlagBool})
	return nil
}

// addValue checks a flag's value against the server's limits and adds it.
func (a *remoteArgs) addValue(fname string, kind FlagKind, value string, p commandPolicy) error {
	switch kind {
	case FlagRaiseK:
		k, err := strconv.Atoi(value)
		if err != nil {
			return refuse("flag --k: %q is not a whole number", value)
		}
		if k < p.k {
			return refuse("--k %d: over SSH k can only be raised; the server protects with k = %d", k, p.k)
		}
		a.k = k
		return nil // written with the server's flags
	case FlagTimeout:
		d, err := time.ParseDuration(value)
		if err != nil || d <= 0 {
			return refuse("flag --timeout: %q is not a positive duration such as 5s", value)
		}
		if p.maxTimeout > 0 && d > p.maxTimeout {
			return refuse("--timeout %v: the server allows at most %v", d, p.maxTimeout)
		}
	case FlagMaxRows:
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 {
			return refuse("flag --max-rows: %q is not a positive whole number", value)
		}
		if p.maxRows > 0 && n > p.maxRows {
			return refuse("--max-rows %d: the server allows at most %d", n, p.maxRows)
		}
	}
	a.flags = append(a.flags, userFlag{"--" + fname + "=" + value, kind})
	return nil
}

// ofKind are the user's flags of one kind, as given.
func (a *remoteArgs) ofKind(k FlagKind) []string {
	out := []string{}
	for _, f := range a.flags {
		if f.kind == k {
			out = append(out, f.arg)
		}
	}
	return out
}

// given reports whether the user gave a flag of kind k.
func (a *remoteArgs) given(k FlagKind) bool { return len(a.ofKind(k)) > 0 }

// helpOn reports whether a --help or -h flag asks for the usage (the
// command then reads no cases).
func (a *remoteArgs) helpOn() bool {
	for _, f := range a.flags {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f.arg, "--"), "=")
		if name == "help" || name == "h" {
			if on, _ := strconv.ParseBool(value); !hasValue || on {
				return true
			}
		}
	}
	return false
}

// helpBare reports whether --help or -h was given without a value.
func (a *remoteArgs) helpBare() bool {
	for _, f := range a.flags {
		if f.arg == "--help" || f.arg == "--h" {
			return true
		}
	}
	return false
}

// audited are the user's flags for the audit log, a raised --k last.
func (a *remoteArgs) audited() []string {
	out := []string{}
	for _, f := range a.flags {
		out = append(out, f.arg)
	}
	if a.k > 0 {
		out = append(out, "--k="+strconv.Itoa(a.k))
	}
	return out
}

// argv is what the dispatcher runs: the command, the server's store,
// protection, limits and language where the command takes them, the
// user's flags, and the statement.
func (p commandPolicy) argv(name string, rc RemoteCommand, lang string, a *remoteArgs) []string {
	argv := []string{name}
	server := func(kind FlagKind, value string, when bool) {
		if f := rc.flagOf(kind); f != "" && when {
			argv = append(argv, "--"+f+"="+value)
		}
	}
	server(FlagStore, p.dbPath, p.dbPath != "")
	server(FlagSDCConfig, p.sdcConfig, p.sdcConfig != "")
	server(FlagRaiseK, strconv.Itoa(max(a.k, p.k)), true)
	server(FlagTimeout, p.maxTimeout.String(), p.maxTimeout > 0 && !a.given(FlagTimeout))
	server(FlagMaxRows, strconv.Itoa(p.maxRows), p.maxRows > 0 && !a.given(FlagMaxRows))
	// The key's lang= option; the client's LANG is never read.
	server(FlagLang, lang, lang != "" && !a.given(FlagLang))
	for _, f := range a.flags {
		argv = append(argv, f.arg)
	}
	if rc.Args == ArgsSQL && a.sql != "" {
		argv = append(argv, "--", a.sql)
	}
	return argv
}

// fixedNote says which of the command's flags the server fixes for the
// role, and the server's k if it is one of them.
func (p commandPolicy) fixedNote(name string, rc RemoteCommand, role common.Role) string {
	note := name + " runs with the server's values of " + joinAnd(rc.fixedFor(role))
	if f := rc.flagOf(FlagRaiseK); f != "" && rc.Flags[f].AnalystOnly {
		note += fmt.Sprintf(" (k = %d)", p.k)
	}
	return note
}

// joinAnd joins words as a list in a sentence: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func allowedFlags(rc RemoteCommand, role common.Role) string {
	out := []string{"--help"}
	for f, rf := range rc.Flags {
		if rf.Kind.refused() || (rf.AnalystOnly && role != RoleAnalyst) {
			continue
		}
		out = append(out, "--"+f)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// sqlRemainder is the statement of a remote query: the raw text from the
// first SQL word on, so that quotes inside the SQL survive the shell-like
// splitting of the SSH command ('DE-BY' stays a string literal). A
// statement quoted as a whole is unquoted once.
func sqlRemainder(raw string, words []word) string {
	if len(words) == 0 {
		return ""
	}
	rest := strings.TrimSpace(raw[words[0].start:])
	if len(words) == 1 && words[0].quoted && words[0].end == len(strings.TrimRight(raw, " \t\r\n")) {
		return words[0].text
	}
	return rest
}

// word is one word of a command line with its place in the raw text.
type word struct {
	text       string
	start, end int
	quoted     bool
}

// splitWords splits a command line as a POSIX shell would split words:
// blanks separate words, single quotes keep everything, double quotes
// keep everything but \" \\ \$ \`, a backslash outside quotes escapes the
// next character. No expansion of any kind happens.
func splitWords(s string) ([]word, error) {
	var out []word
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
		if i >= len(s) {
			return out, nil
		}
		w := word{start: i}
		var b strings.Builder
	scan:
		for i < len(s) {
			c := s[i]
			switch c {
			case ' ', '\t', '\n', '\r':
				break scan
			case '\'':
				j := strings.IndexByte(s[i+1:], '\'')
				if j < 0 {
					return nil, errors.New("unterminated single quote")
				}
				b.WriteString(s[i+1 : i+1+j])
				i += j + 2
				w.quoted = true
			case '"':
				i++
				closed := false
				for i < len(s) {
					if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
						b.WriteByte(s[i+1])
						i += 2
						continue
					}
					if s[i] == '"' {
						i++
						closed = true
						break
					}
					b.WriteByte(s[i])
					i++
				}
				if !closed {
					return nil, errors.New("unterminated double quote")
				}
				w.quoted = true
			case '\\':
				if i+1 < len(s) {
					b.WriteByte(s[i+1])
					i += 2
				} else {
					i++
				}
			default:
				b.WriteByte(c)
				i++
			}
		}
		w.text, w.end = b.String(), i
		out = append(out, w)
	}
}

// remoteHelp is the help of `ssh host help` for a role and the commands'
// policy.
func remoteHelp(role common.Role, commands map[string]RemoteCommand) string {
	var b strings.Builder
	b.WriteString("lagebild over SSH\n\n")
	b.WriteString("  ssh -t HOST                      the TUI (needs a terminal)\n")
	b.WriteString("  ssh HOST brief --format md > briefing.md\n")
	b.WriteString("                                   a briefing (md, csv, json) with filters such as --years 2020-2022\n")
	b.WriteString("  ssh HOST figures --format csv    the public figures with their sources\n")
	b.WriteString("  ssh HOST check --format json     the quality report of the server's store\n")
	if role == RoleAnalyst {
		b.WriteString("  ssh HOST query \"SELECT …\"        one read-only SQL statement (analyst role)\n")
		b.WriteString("  echo \"SELECT …\" | ssh HOST query -\n")
	}
	b.WriteString("\nThe output streams to your machine. The server chooses the store and the protection\n")
	b.WriteString("(k can be raised with --k, not lowered); flags naming files on the server are refused.\n")
	for _, name := range slices.Sorted(maps.Keys(commands)) {
		rc := commands[name]
		if fixed := rc.fixedFor(role); len(fixed) > 0 && !rc.Local && (rc.Role != RoleAnalyst || role == RoleAnalyst) {
			b.WriteString(name + " runs with the server's values of " + joinAnd(fixed) + " (fixed for your role).\n")
		}
	}
	b.WriteString("Each key may use a limited number of different filters per day (UTC), TUI and commands\n")
	b.WriteString("together; filters used that day stay free.\n")
	b.WriteString("`ssh HOST COMMAND --help` lists a command's flags. Your role: " + string(role) + ".\n")
	return b.String()
}
