package main

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"lagebild/internal/sshserver"
)

// TestRemotePolicyDeclared fails when a flag is added to a command that
// runs over SSH without declaring its remote policy (remote.as), and
// when a new command is neither given a remote policy nor kept local.
func TestRemotePolicyDeclared(t *testing.T) {
	for name, spec := range remoteCommandSpecs {
		if spec.Local {
			continue
		}
		fs, remote := describeCommand(name)
		if fs == nil {
			t.Fatalf("%s: describing the command declared no flag set", name)
		}
		fs.VisitAll(func(f *flag.Flag) {
			if _, ok := remote.policy[f.Name]; !ok {
				t.Errorf("%s --%s has no remote policy: declare it with remote.as(…) (remoteflags.go)", name, f.Name)
			}
		})
		for f := range remote.policy {
			if fs.Lookup(f) == nil {
				t.Errorf("%s: a remote policy for --%s, which is not a flag of the command", name, f)
			}
		}
	}
	// console-worker is internal: over SSH it is an unknown command.
	for name := range commands {
		if _, ok := remoteCommandSpecs[name]; !ok && name != consoleWorkerCommand {
			t.Errorf("command %s: add it to remoteCommandSpecs (over SSH, or Local: refused)", name)
		}
	}
}

// sharedPolicyFile is the remote policy the SSH server's tests run with
// (internal/sshserver's testCommands read it): TestRemotePolicyOfTheFlags
// holds it equal to the table the server gets, so the two cannot drift.
const sharedPolicyFile = "../../internal/sshserver/testdata/remote_commands.json"

// TestRemotePolicyOfTheFlags: the policy the server gets is the one the
// SSH server's tests use (sharedPolicyFile; a change of a policy is a
// reviewed change of that file) and keeps today's refusals: files on the
// server, export-only flags, k only raised and fixed for viewers in
// check, capped query limits.
func TestRemotePolicyOfTheFlags(t *testing.T) {
	got := remoteCommands()
	b, err := os.ReadFile(sharedPolicyFile)
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]sshserver.RemoteCommand
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("%s: %v", sharedPolicyFile, err)
	}
	if !reflect.DeepEqual(got, want) {
		js, _ := json.MarshalIndent(got, "", "  ")
		t.Errorf("the remote policy differs from %s, which the SSH server's tests use; if the change is meant, write it there:\n%s", sharedPolicyFile, js)
	}
	for name, rc := range got {
		for flagName, f := range rc.Flags {
			if f.AnalystOnly != ((name == "check" && (flagName == "k" || flagName == "max-risk")) ||
				(name == "brief" && flagName == "followup-months")) {
				t.Errorf("%s --%s: analyst only %v", name, flagName, f.AnalystOnly)
			}
			if (flagName == "db" || flagName == "sdc-config" || flagName == "figures") && !slices.Contains(
				[]sshserver.FlagKind{sshserver.FlagStore, sshserver.FlagSDCConfig, sshserver.FlagServerFile}, f.Kind) {
				t.Errorf("%s --%s names a file on the server but is %v", name, flagName, f.Kind)
			}
		}
	}
	if got["query"].Role != sshserver.RoleAnalyst || got["query"].Args != sshserver.ArgsSQL ||
		got["check"].Args != sshserver.ArgsExportFiles || got["brief"].Role != sshserver.RoleViewer {
		t.Errorf("command policy: %+v", got)
	}
	var local []string
	for name, rc := range got {
		if rc.Local {
			local = append(local, name)
		}
	}
	slices.Sort(local)
	if !slices.Equal(local, []string{"gen", "import", "serve"}) {
		t.Errorf("local commands %v", local)
	}
}

// TestQueryReportsItsOutcome: query reports a refused, an invalid and a
// timed-out statement as such, whatever its message says; the exit status
// alone could not tell them apart (2, 2, 1).
func TestQueryReportsItsOutcome(t *testing.T) {
	for sql, want := range map[string]sshserver.Outcome{
		"SELECT * FROM read_csv('/etc/passwd')": sshserver.OutcomeRefused,
		"SELEC 1":                               sshserver.OutcomeInvalid,
		"SELECT count(*) FROM range(100000000000) a, range(1000) b": sshserver.OutcomeTimeout,
		"SELECT 1": "",
	} {
		var out, errOut strings.Builder
		env := &cmdEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
		// Only the statement that must time out gets a short limit: under
		// load even SELECT 1 (with the store's start) can take 200 ms.
		timeout := "30s"
		if want == sshserver.OutcomeTimeout {
			timeout = "200ms"
		}
		code := dispatch(context.Background(), env, []string{"query", "--timeout", timeout, sql})
		if env.outcome != want {
			t.Errorf("%s: exit %d, outcome %q, want %q (%s)", sql, code, env.outcome, want, errOut.String())
		}
	}
}

// TestRemoteFilterFromTheDeclaration: the server can compute the filter
// of exactly the commands that declare filter flags, from those flags
// alone; a flag the command declares with another policy is no filter.
func TestRemoteFilterFromTheDeclaration(t *testing.T) {
	for name, rc := range remoteCommands() {
		var filterFlags int
		for _, f := range rc.Flags {
			if f.Kind == sshserver.FlagFilter {
				filterFlags++
			}
		}
		_, err := remoteFilter(name, nil)
		if (err == nil) != (filterFlags > 0) {
			t.Errorf("%s: %d filter flags, remoteFilter error %v", name, filterFlags, err)
		}
		for flagName, f := range rc.Flags {
			if f.Kind != sshserver.FlagFilter && filterFlags > 0 {
				if _, err := remoteFilter(name, []string{"--" + flagName + "=x"}); err == nil {
					t.Errorf("%s --%s (not a filter flag) read as part of the filter", name, flagName)
				}
			}
		}
	}
}
