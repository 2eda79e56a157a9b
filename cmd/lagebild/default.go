package main

import (
	"context"
	"fmt"
)

// runDefault is bare `lagebild [--db FILE]`: the TUI.
func runDefault(ctx context.Context, env *cmdEnv, args []string) int {
	fmt.Fprintln(env.stderr, "lagebild: the TUI is not built yet; see 'lagebild help'")
	return exitFailure
}
