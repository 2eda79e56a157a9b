package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"strings"
	"time"

	"lagebild/internal/sshserver"
	"lagebild/queries"
)

// The remote policy of a command's flags is declared with the flags
// themselves:
//
//	remote := remoteFlagsOf(env, fs)
//	dbPath := remote.as(remoteStore).String("db", "", "…")
//
// `lagebild serve` describes every remote command (describeCommand: the
// command declares its flags and returns at parseFlags) and hands the
// declarations to the SSH server (remoteCommands). A flag declared with
// fs.String and not through remote.as is refused over SSH, and
// TestRemotePolicyDeclared fails until it has a policy.

// The remote policies a flag can be declared with (sshserver.FlagKind).
var (
	remotePassed     = sshserver.RemoteFlag{Kind: sshserver.FlagPassed}
	remoteFilterFlag = sshserver.RemoteFlag{Kind: sshserver.FlagFilter}
	remoteLang       = sshserver.RemoteFlag{Kind: sshserver.FlagLang}
	remoteRaiseK     = sshserver.RemoteFlag{Kind: sshserver.FlagRaiseK}
	remoteTimeout    = sshserver.RemoteFlag{Kind: sshserver.FlagTimeout}
	remoteMaxRows    = sshserver.RemoteFlag{Kind: sshserver.FlagMaxRows}
	remoteStore      = sshserver.RemoteFlag{Kind: sshserver.FlagStore}
	remoteSDCConfig  = sshserver.RemoteFlag{Kind: sshserver.FlagSDCConfig}
	remoteServerFile = sshserver.RemoteFlag{Kind: sshserver.FlagServerFile}
	remoteExportOnly = sshserver.RemoteFlag{Kind: sshserver.FlagExportOnly}
)

// analystOnly is p for analysts; a viewer may not give the flag.
func analystOnly(p sshserver.RemoteFlag) sshserver.RemoteFlag {
	p.AnalystOnly = true
	return p
}

// remoteCommandSpecs are the commands of `ssh host COMMAND`: the least
// role, what their arguments are, and the commands refused because they
// write files on the server. Their flags' policies are declared with the
// flags.
var remoteCommandSpecs = map[string]sshserver.RemoteCommand{
	"brief":   {Role: sshserver.RoleViewer},
	"figures": {Role: sshserver.RoleViewer},
	"check":   {Role: sshserver.RoleViewer, Args: sshserver.ArgsExportFiles},
	"query":   {Role: sshserver.RoleAnalyst, Args: sshserver.ArgsSQL},
	"gen":     {Local: true},
	"import":  {Local: true},
	"serve":   {Local: true},
}

// remoteCommands is the SSH server's command policy: remoteCommandSpecs
// with the flag policies each command declares.
func remoteCommands() map[string]sshserver.RemoteCommand {
	out := map[string]sshserver.RemoteCommand{}
	for name, spec := range remoteCommandSpecs {
		if !spec.Local {
			_, remote := describeCommand(name)
			spec.Flags = maps.Clone(remote.policy)
		}
		out[name] = spec
	}
	return out
}

// remoteFlags records the remote policy of the flags of one flag set.
type remoteFlags struct {
	fs     *flag.FlagSet
	policy map[string]sshserver.RemoteFlag
	// filter is the case filter the command reads, from the values of
	// its filter flags (set by filters, or by the command when more flags
	// than the filter fields shape it); remoteFilter calls it after
	// parsing a remote command's filter flags.
	filter func() (queries.Filter, error)
}

// remoteFlagsOf starts the remote declarations of a command's flag set.
func remoteFlagsOf(env *cmdEnv, fs *flag.FlagSet) *remoteFlags {
	r := &remoteFlags{fs: fs, policy: map[string]sshserver.RemoteFlag{}}
	env.remote = r
	return r
}

// as declares a flag with its remote policy.
func (r *remoteFlags) as(p sshserver.RemoteFlag) remoteFlagDecl { return remoteFlagDecl{r, p} }

// filters registers the case-filter flags (filterflags.go) as remote
// filter flags: they are charged to the key's filter budget.
func (r *remoteFlags) filters() *filterFlags {
	before := map[string]bool{}
	r.fs.VisitAll(func(f *flag.Flag) { before[f.Name] = true })
	ff := addFilterFlags(r.fs)
	r.fs.VisitAll(func(f *flag.Flag) {
		if !before[f.Name] {
			r.policy[f.Name] = remoteFilterFlag
		}
	})
	r.filter = ff.Filter
	return ff
}

// remoteFilter is the case filter a remote command reads, parsed from its
// filter flags by the flags the command declares as filter flags and
// computed as the command computes it, so that the server charges the
// filter budget for exactly the filter the command will use.
func remoteFilter(command string, flags []string) (queries.Filter, error) {
	if _, ok := commands[command]; !ok {
		return queries.Filter{}, fmt.Errorf("unknown command %q", command)
	}
	declared, remote := describeCommand(command)
	if remote.filter == nil {
		return queries.Filter{}, fmt.Errorf("%s reads no cases by a filter", command)
	}
	fs := flag.NewFlagSet(command, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for name, p := range remote.policy {
		if p.Kind == sshserver.FlagFilter {
			f := declared.Lookup(name)
			fs.Var(f.Value, f.Name, f.Usage)
		}
	}
	if err := fs.Parse(flags); err != nil {
		return queries.Filter{}, err
	}
	if fs.NArg() > 0 {
		return queries.Filter{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return remote.filter()
}

// remoteFlagDecl declares one flag on the flag set with a remote policy;
// its methods are those of flag.FlagSet.
type remoteFlagDecl struct {
	r *remoteFlags
	p sshserver.RemoteFlag
}

func (d remoteFlagDecl) String(name, value, usage string) *string {
	d.r.policy[name] = d.p
	return d.r.fs.String(name, value, usage)
}

func (d remoteFlagDecl) Int(name string, value int, usage string) *int {
	d.r.policy[name] = d.p
	return d.r.fs.Int(name, value, usage)
}

func (d remoteFlagDecl) Bool(name string, value bool, usage string) *bool {
	d.r.policy[name] = d.p
	return d.r.fs.Bool(name, value, usage)
}

func (d remoteFlagDecl) Float64(name string, value float64, usage string) *float64 {
	d.r.policy[name] = d.p
	return d.r.fs.Float64(name, value, usage)
}

func (d remoteFlagDecl) Duration(name string, value time.Duration, usage string) *time.Duration {
	d.r.policy[name] = d.p
	return d.r.fs.Duration(name, value, usage)
}

func (d remoteFlagDecl) Var(value flag.Value, name, usage string) {
	d.r.policy[name] = d.p
	d.r.fs.Var(value, name, usage)
}

// describeCommand runs the named command in describe mode: it declares
// its flags and returns at parseFlags, before it reads or writes
// anything. It returns the flag set and its remote declarations (empty
// if the command declares none).
func describeCommand(name string) (*flag.FlagSet, *remoteFlags) {
	env := &cmdEnv{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, describe: true}
	commands[name].run(context.Background(), env, nil)
	if env.remote == nil || env.remote.fs != env.described {
		return env.described, &remoteFlags{fs: env.described, policy: map[string]sshserver.RemoteFlag{}}
	}
	return env.described, env.remote
}
