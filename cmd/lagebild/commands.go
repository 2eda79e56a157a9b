package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"lagebild/internal/sshserver"
)

// Exit statuses, the contract scripts rely on (design.md).
const (
	exitOK      = 0
	exitFailure = 1 // any other failure
	exitUsage   = 2 // bad usage or invalid input (every import validation error)
)

// command is one subcommand. Each lives in a file of its own and registers
// itself in init, so the dispatcher needs no list to keep in sync.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *cmdEnv, args []string) int
}

// cmdEnv is what a subcommand may touch: its streams. Tests and the SSH
// server run commands with their own.
type cmdEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// describe: parseFlags records the flag set in described and stops
	// the command (describeCommand); remote are the remote policies its
	// flags were declared with (remoteflags.go).
	describe  bool
	described *flag.FlagSet
	remote    *remoteFlags
	// outcome is what the command reports besides its exit status when
	// the status alone does not say it (query: refused, invalid,
	// timeout); the SSH server audits it (remoteoutcome.go).
	outcome sshserver.Outcome
}

var commands = map[string]command{}

func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("duplicate command " + c.name)
	}
	commands[c.name] = c
}

// run dispatches args to a subcommand and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return dispatch(ctx, &cmdEnv{stdin: stdin, stdout: stdout, stderr: stderr}, args)
}

// dispatch runs the subcommand args name in env.
func dispatch(ctx context.Context, env *cmdEnv, args []string) int {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name := args[0]
		if name == "help" {
			if len(args) > 1 {
				if c, ok := commands[args[1]]; ok {
					return c.run(ctx, env, []string{"--help"})
				}
			}
			printUsage(env.stdout)
			return exitOK
		}
		c, ok := commands[name]
		if !ok {
			fmt.Fprintf(env.stderr, "lagebild: unknown command %q\n\n", name)
			printUsage(env.stderr)
			return exitUsage
		}
		return c.run(ctx, env, args[1:])
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		printUsage(env.stdout)
		return exitOK
	}
	return runDefault(ctx, env, args)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "lagebild: anonymised situation data on extremism prevention, in the terminal.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  lagebild [--db FILE]          open the TUI (embedded synthetic sample and public figures by default)")
	fmt.Fprintln(w, "  lagebild COMMAND [flags]      run a command")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if commands[n].summary == "" {
			continue // internal (console-worker)
		}
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'lagebild COMMAND --help' for a command's flags and examples.")
	fmt.Fprintln(w, "Exit status: 0 success, 2 bad usage or invalid input, 1 any other failure.")
}

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints usage, the given examples and flags on --help.
func newFlagSet(env *cmdEnv, name, synopsis string, examples ...string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: lagebild %s\n", synopsis)
		if len(examples) > 0 {
			fmt.Fprintln(out, "\nExamples:")
			for _, e := range examples {
				fmt.Fprintf(out, "  %s\n", e)
			}
		}
		fmt.Fprintln(out, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and maps the outcome to an exit status: ok=false
// means the command should return code (0 after --help, 2 on bad usage).
func parseFlags(env *cmdEnv, fs *flag.FlagSet, args []string) (code int, ok bool) {
	// The flag package prints a parse error itself and then calls Usage;
	// the full usage goes to stdout on --help only, a short hint to stderr
	// on a bad flag.
	if env.describe {
		env.described = fs
		return exitOK, false
	}
	if typed, name := unknownFlag(fs, args); typed != "" {
		fmt.Fprintf(env.stderr, "%s: unknown flag %s", commandLine(fs), typed)
		if near := closestFlag(fs, name); near != "" {
			fmt.Fprintf(env.stderr, "; did you mean --%s?", near)
		}
		fmt.Fprintf(env.stderr, "\nRun '%s --help' for usage.\n", commandLine(fs))
		return exitUsage, false
	}
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(env.stdout)
			fs.Usage()
			return exitOK, false
		}
		fmt.Fprintf(env.stderr, "Run '%s --help' for usage.\n", commandLine(fs))
		return exitUsage, false
	}
	return exitOK, true
}

// commandLine is how a user types the command of fs: "lagebild brief",
// and "lagebild" for the flags of bare lagebild (its flag set's name).
func commandLine(fs *flag.FlagSet) string {
	if fs.Name() == "lagebild" {
		return "lagebild"
	}
	return "lagebild " + fs.Name()
}

// multiFlag collects a repeatable string flag such as --figures.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
