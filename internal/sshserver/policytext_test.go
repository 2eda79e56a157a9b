package sshserver

import (
	"encoding/json"
	"strings"
	"testing"
)

// Every kind of the policy is written as a word and read back as itself;
// a word that names no kind is an error.
func TestPolicyKindsAsText(t *testing.T) {
	for k := FlagPassed; k <= FlagExportOnly; k++ {
		b, err := json.Marshal(RemoteFlag{Kind: k})
		if err != nil {
			t.Fatalf("%d: %v", k, err)
		}
		var back RemoteFlag
		if err := json.Unmarshal(b, &back); err != nil || back.Kind != k {
			t.Errorf("%s: read back %v (%v)", b, back.Kind, err)
		}
	}
	for a := ArgsNone; a <= ArgsExportFiles; a++ {
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("%d: %v", a, err)
		}
		var back ArgKind
		if err := json.Unmarshal(b, &back); err != nil || back != a {
			t.Errorf("%s: read back %v (%v)", b, back, err)
		}
	}
	var k FlagKind
	if err := json.Unmarshal([]byte(`"no-such-kind"`), &k); err == nil {
		t.Errorf("an unknown kind read as %v", k)
	}
	if _, err := json.Marshal(FlagKind(0)); err == nil {
		t.Error("the zero kind was written")
	}
}

// The flags fixed for a viewer come from the policy: the refusal and the
// help name the command's analyst-only flags, whatever they are.
func TestFixedFlagsFromThePolicy(t *testing.T) {
	commands := map[string]RemoteCommand{
		"report": {Role: RoleViewer, Flags: map[string]RemoteFlag{
			"k": {Kind: FlagRaiseK, AnalystOnly: true}, "limit": {Kind: FlagPassed, AnalystOnly: true},
			"depth": {Kind: FlagPassed, AnalystOnly: true}, "format": {Kind: FlagPassed},
		}},
		"plain": {Role: RoleViewer, Flags: map[string]RemoteFlag{"format": {Kind: FlagPassed}}},
	}
	p := commandPolicy{commands: commands, k: 7}
	_, err := prepareCommand(RoleViewer, "", "report --limit 3", p)
	want := "flag --limit of report is fixed by the server for the viewer role: report runs with the server's values of --depth, --k and --limit (k = 7)"
	if err == nil || err.Error() != want {
		t.Errorf("refusal %v, want %q", err, want)
	}
	if _, err := prepareCommand(RoleAnalyst, "", "report --limit 3 --k 9", p); err != nil {
		t.Errorf("analyst: %v", err)
	}
	help := remoteHelp(RoleViewer, commands)
	if !strings.Contains(help, "report runs with the server's values of --depth, --k and --limit (fixed for your role).") ||
		strings.Contains(help, "plain runs") {
		t.Errorf("viewer help:\n%s", help)
	}
	if strings.Contains(remoteHelp(RoleAnalyst, commands), "fixed for your role") {
		t.Error("analyst help names fixed flags")
	}
}
