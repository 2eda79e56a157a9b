package sshserver

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Commands without a PTY: `ssh host brief --format md > briefing.md` runs
// the command-line code on the server and streams its output. The server,
// not the user, decides which store a command reads: a remote command may
// not name a file on the server (--db, --sdc-config, --figures, EXPORT
// arguments are refused) and gets the server's store and disclosure
// control instead. Flags are checked against an allowlist per command, so
// a flag added to a command later stays unavailable over SSH until it is
// listed here.

// flagKind says how a remote flag is treated.
type flagKind int

const (
	flagValue      flagKind = iota // takes a value, passed on
	flagFilter                     // takes a value, passed on, part of the case filter
	flagBool                       // boolean, passed on
	flagK                          // --k: may only raise the server's k
	flagTimeout                    // query --timeout: at most the server's limit
	flagMaxRows                    // query --max-rows: at most the server's limit
	flagFile                       // names a server file: refused
	flagExportOnly                 // check options for EXPORT files: refused
)

type remoteCommand struct {
	role  string // the least role that may run it
	flags map[string]flagKind
	// sql: positional arguments are one SQL statement (query).
	sql bool
	// serverFlags get the server's --sdc-config and --k.
	sdc bool
	// filter: the command reads cases by a filter, charged to the key's
	// filter budget before it runs.
	filter bool
	// analystOnly are flags a viewer may not give: the server's values
	// apply (check's --k and --max-risk: varying them would let a viewer
	// bisect the exact share of records in small equivalence classes).
	analystOnly map[string]bool
}

var filterFlags = map[string]flagKind{
	"years": flagFilter, "phenomenon": flagFilter, "state": flagFilter, "risk": flagFilter,
	"access-route": flagFilter, "age-band": flagFilter, "custody": flagFilter, "multi-agency": flagFilter,
}

func withFlags(base map[string]flagKind, more map[string]flagKind) map[string]flagKind {
	out := map[string]flagKind{"help": flagBool, "h": flagBool}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// remoteCommands are the commands available over SSH. gen, import and
// serve are never available remotely; neither is the TUI's own flag set.
var remoteCommands = map[string]remoteCommand{
	"brief": {role: RoleViewer, sdc: true, filter: true, flags: withFlags(filterFlags, map[string]flagKind{
		"db": flagFile, "sdc-config": flagFile, "year": flagFilter, "k": flagK,
		"format": flagValue, "lang": flagValue, "as-of": flagValue,
	})},
	"figures": {role: RoleViewer, flags: withFlags(nil, map[string]flagKind{
		"format": flagValue, "indicator": flagValue, "lang": flagValue, "figures": flagFile,
	})},
	"check": {role: RoleViewer, sdc: true, flags: withFlags(nil, map[string]flagKind{
		"db": flagFile, "sdc-config": flagFile, "format": flagValue, "k": flagK, "max-risk": flagValue,
		"lang": flagValue, "drop-unknown": flagExportOnly, "ids-pseudonymous": flagExportOnly,
	}), analystOnly: map[string]bool{"k": true, "max-risk": true}},
	"query": {role: RoleAnalyst, sql: true, flags: withFlags(nil, map[string]flagKind{
		"db": flagFile, "format": flagValue, "timeout": flagTimeout, "max-rows": flagMaxRows,
	})},
}

// commandPolicy is what the server adds to and enforces on a remote command.
type commandPolicy struct {
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
func prepareCommand(role, lang, raw string, p commandPolicy) (*preparedCommand, error) {
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
	rc, ok := remoteCommands[name]
	if !ok {
		switch name {
		case "gen", "import", "serve":
			return nil, refuse("%q is not available over SSH: it writes files on the server. Run it on the server itself.", name)
		}
		if strings.HasPrefix(name, "-") {
			return nil, refuse("the TUI's flags are not available over SSH; connect with a terminal (ssh -t) for the TUI, or run a command")
		}
		return nil, refuse("unknown command %q", name)
	}
	if rc.role == RoleAnalyst && role != RoleAnalyst {
		return nil, refuse("%q needs the analyst role; your key has the %s role", name, role)
	}
	pc := &preparedCommand{name: name}
	userFlags := []string{}
	userK := 0
	rest := words[1:]
	for i := 0; i < len(rest); i++ {
		w := rest[i]
		arg := w.text
		if arg == "--" {
			if !rc.sql {
				if i+1 < len(rest) {
					return nil, refuse("%s takes no arguments over SSH, only flags (got %q)", name, rest[i+1].text)
				}
				break
			}
			pc.sql = sqlRemainder(raw, rest[i+1:])
			break
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			if !rc.sql {
				if name == "check" {
					return nil, refuse("check reads no export files over SSH (%q): it checks the server's store. Check export files on your own machine with `lagebild check FILE`.", arg)
				}
				return nil, refuse("%s takes no arguments over SSH, only flags (got %q)", name, arg)
			}
			pc.sql = sqlRemainder(raw, rest[i:])
			break
		}
		fname := strings.TrimLeft(arg, "-")
		if len(arg)-len(fname) > 2 || fname == "" {
			return nil, refuse("bad flag syntax %q", arg)
		}
		value, hasValue := "", false
		if j := strings.IndexByte(fname, '='); j >= 0 {
			fname, value, hasValue = fname[:j], fname[j+1:], true
		}
		kind, ok := rc.flags[fname]
		if !ok {
			return nil, refuse("flag --%s is not available for %s over SSH (allowed: %s)", fname, name, allowedFlags(rc, role))
		}
		if rc.analystOnly[fname] && role != RoleAnalyst {
			return nil, refuse("flag --%s of %s is fixed by the server for the %s role: the check uses the server's k = %d and its default risk limit", fname, name, role, p.k)
		}
		switch kind {
		case flagFile:
			return nil, refuse("flag --%s names a file on the server, which a remote command may not do: the server chooses the store", fname)
		case flagExportOnly:
			return nil, refuse("flag --%s is for export files, which a remote check does not read", fname)
		case flagBool:
			if hasValue {
				if _, err := strconv.ParseBool(value); err != nil {
					return nil, refuse("flag --%s: %q is not a boolean", fname, value)
				}
				userFlags = append(userFlags, "--"+fname+"="+value)
			} else {
				userFlags = append(userFlags, "--"+fname)
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
		switch kind {
		case flagK:
			k, err := strconv.Atoi(value)
			if err != nil {
				return nil, refuse("flag --k: %q is not a whole number", value)
			}
			if k < p.k {
				return nil, refuse("--k %d: over SSH k can only be raised; the server protects with k = %d", k, p.k)
			}
			userK = k
			continue // written below with the server's flags
		case flagTimeout:
			d, err := time.ParseDuration(value)
			if err != nil || d <= 0 {
				return nil, refuse("flag --timeout: %q is not a positive duration such as 5s", value)
			}
			if p.maxTimeout > 0 && d > p.maxTimeout {
				return nil, refuse("--timeout %v: the server allows at most %v", d, p.maxTimeout)
			}
		case flagMaxRows:
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 {
				return nil, refuse("flag --max-rows: %q is not a positive whole number", value)
			}
			if p.maxRows > 0 && n > p.maxRows {
				return nil, refuse("--max-rows %d: the server allows at most %d", n, p.maxRows)
			}
		}
		userFlags = append(userFlags, "--"+fname+"="+value)
	}
	pc.userArgs = userFlags
	if rc.filter {
		pc.filterArgs = []string{}
		for _, u := range userFlags {
			fname, value, hasValue := strings.Cut(strings.TrimPrefix(u, "--"), "=")
			if fname == "help" || fname == "h" {
				if on, _ := strconv.ParseBool(value); !hasValue || on {
					pc.filterArgs = nil // prints the usage, reads no cases
					break
				}
			}
			if rc.flags[fname] == flagFilter {
				pc.filterArgs = append(pc.filterArgs, u)
			}
		}
	}
	if userK > 0 {
		pc.userArgs = append(pc.userArgs, "--k="+strconv.Itoa(userK))
	}
	argv := []string{name}
	if _, reads := rc.flags["db"]; reads && p.dbPath != "" {
		argv = append(argv, "--db="+p.dbPath)
	}
	if rc.sdc {
		if p.sdcConfig != "" {
			argv = append(argv, "--sdc-config="+p.sdcConfig)
		}
		argv = append(argv, "--k="+strconv.Itoa(max(userK, p.k)))
	}
	if rc.sql {
		has := func(f string) bool {
			for _, u := range userFlags {
				if strings.HasPrefix(u, "--"+f+"=") {
					return true
				}
			}
			return false
		}
		if !has("timeout") && p.maxTimeout > 0 {
			argv = append(argv, "--timeout="+p.maxTimeout.String())
		}
		if !has("max-rows") && p.maxRows > 0 {
			argv = append(argv, "--max-rows="+strconv.Itoa(p.maxRows))
		}
	}
	if _, ok := rc.flags["lang"]; ok && lang != "" {
		given := false
		for _, u := range userFlags {
			given = given || strings.HasPrefix(u, "--lang=")
		}
		if !given {
			// The key's lang= option; the client's LANG is never read.
			argv = append(argv, "--lang="+lang)
		}
	}
	argv = append(argv, userFlags...)
	if rc.sql {
		isHelp := false
		for _, u := range userFlags {
			if u == "--help" || u == "--h" {
				isHelp = true
			}
		}
		if strings.TrimSpace(pc.sql) == "" && !isHelp {
			return nil, refuse("query needs a statement: ssh … query \"SELECT …\", or pipe it in with ssh … query -")
		}
		if pc.sql != "" {
			argv = append(argv, "--", pc.sql)
		}
	}
	pc.argv = argv
	return pc, nil
}

func allowedFlags(rc remoteCommand, role string) string {
	var out []string
	for f, k := range rc.flags {
		switch k {
		case flagFile, flagExportOnly:
			continue
		}
		if f == "h" || (rc.analystOnly[f] && role != RoleAnalyst) {
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

// remoteHelp is the help of `ssh host help` for a role.
func remoteHelp(role string) string {
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
	if role != RoleAnalyst {
		b.WriteString("check runs with the server's k and risk limit (--k and --max-risk are fixed).\n")
	}
	b.WriteString("Each key may use a limited number of different filters per day (UTC), TUI and commands\n")
	b.WriteString("together; filters used that day stay free.\n")
	b.WriteString("`ssh HOST COMMAND --help` lists a command's flags. Your role: " + role + ".\n")
	return b.String()
}
