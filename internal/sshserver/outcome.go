package sshserver

// Outcome is how a remote command ended, as the audit log records it
// (field "outcome" of a remote query's sql event). The command reports
// it; the server never reads it from the command's messages, which may
// be reworded or translated.
type Outcome string

const (
	OutcomeOK      Outcome = "ok"
	OutcomeRefused Outcome = "refused" // a statement the console refuses (writes, files …)
	OutcomeInvalid Outcome = "invalid" // a statement DuckDB cannot parse or bind
	OutcomeTimeout Outcome = "timeout" // the time limit ended it
	OutcomeUsage   Outcome = "usage"   // bad usage or invalid input (exit status 2)
	OutcomeError   Outcome = "error"   // any other failure
)

// CommandResult is what a remote command reports: its exit status and,
// if it knows better than the status says, its outcome.
type CommandResult struct {
	Code    int
	Outcome Outcome // "": the one the exit status implies
}

// outcome is the reported outcome, or the one the exit status implies
// (0 ok, 2 usage, else error: the command line's exit contract).
func (r CommandResult) outcome() Outcome {
	switch {
	case r.Outcome != "":
		return r.Outcome
	case r.Code == 0:
		return OutcomeOK
	case r.Code == 2:
		return OutcomeUsage
	}
	return OutcomeError
}
