package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"lagebild/datasets/figures"
	"lagebild/datasets/sample"
	"lagebild/queries"
	"lagebild/queries/sdc"
	"lagebild/tui"
	"lagebild/tui/common"
	"lagebild/tui/styles"
)

// tuiConfig is what the flags of bare `lagebild` resolve to.
type tuiConfig struct {
	opts    tui.Options
	db      string
	figures []string
	sdc     *sdc.Params
	// followUpMonths is the relapse follow-up (queries.OpenOptions).
	followUpMonths *int
	// filterFlags are the filter flags as given, for the check against
	// the years of the data once they are known (checkDataYears).
	filterFlags *filterFlags
}

// parseDefaultFlags parses the flags of bare `lagebild`. ok=false means
// return code (0 after --help, 2 on bad usage).
func parseDefaultFlags(env *cmdEnv, args []string) (cfg tuiConfig, code int, ok bool) {
	fs := newFlagSet(env, "lagebild", "[--db FILE] [--years Y1-Y2] [--phenomenon CODES] [--state CODES] [--risk CODES] [--access-route CODES] [--lang de|en] [--theme auto|dark|light] [--accessible] [--k K]",
		"lagebild",
		"lagebild --years 2020-2022 --phenomenon islamist",
		"lagebild --db cases.db --lang de --theme light",
		"NO_COLOR=1 lagebild --accessible")
	db := fs.String("db", "", "open the imported store `FILE` instead of the embedded synthetic sample")
	var extra multiFlag
	fs.Var(&extra, "figures", "further public figures `FILE` (repeatable; only with the embedded data)")
	ff := addFilterFlags(fs)
	lang := fs.String("lang", "", "language: de or en (default from LANG)")
	theme := fs.String("theme", "auto", "colours: auto (ask the terminal), dark or light")
	accessible := fs.Bool("accessible", false, "screen-reader mode: tables and sentences instead of charts, no spinners or box drawing")
	role := fs.String("role", "analyst", "role of the session: analyst or viewer")
	exportDir := fs.String("export-dir", "", "`DIR` where e writes its Markdown and CSV files (default: the current directory)")
	k := fs.Int("k", 0, "threshold k of disclosure control (at least 3; default 5 or the --sdc-config value)")
	sdcConfig := fs.String("sdc-config", "", "disclosure-control configuration `FILE` (operator)")
	followUp := fs.Int("followup-months", queries.DefaultFollowUpMonths, "minimum `MONTHS` of follow-up after closure before a closed case counts in a relapse rate (0-120)")
	if code, ok := parseFlags(env, fs, args); !ok {
		return cfg, code, false
	}
	usage := func(format string, a ...any) (tuiConfig, int, bool) {
		fmt.Fprintf(env.stderr, "lagebild: "+format+"\n", a...)
		fmt.Fprintln(env.stderr, "Run 'lagebild --help' for usage.")
		return cfg, exitUsage, false
	}
	if fs.NArg() > 0 {
		return usage("unexpected argument %q", fs.Arg(0))
	}
	f, err := ff.Filter()
	if err != nil {
		// Years outside the embedded sample are answered with the years
		// it has (a store's years are known once it is open: runDefault).
		if *db == "" {
			if yerr := checkDataYears(ff, 0, sample.FromYear, sample.ToYear); yerr != nil {
				return usage("%v", yerr)
			}
		}
		return usage("%v", err)
	}
	switch styles.ThemeName(*theme) {
	case styles.ThemeAuto, styles.ThemeDark, styles.ThemeLight:
	default:
		return usage("--theme %q: use auto, dark or light", *theme)
	}
	switch common.Role(*role) {
	case common.RoleAnalyst, common.RoleViewer:
	default:
		return usage("--role %q: use analyst or viewer", *role)
	}
	if *lang != "" && *lang != "de" && *lang != "en" {
		return usage("--lang %q: use de or en", *lang)
	}
	if *db != "" && len(extra) > 0 {
		return usage("--figures works only with the embedded data; an imported store carries its own figures")
	}
	params := sdc.DefaultParams()
	if *sdcConfig != "" {
		p, err := sdc.LoadConfig(*sdcConfig)
		if err != nil {
			return usage("%v", err)
		}
		params = p
	}
	if *k != 0 {
		if *k < 3 {
			return usage("--k %d: k is at least 3", *k)
		}
		params.K = *k
	}
	if err := params.Validate(); err != nil {
		return usage("%v", err)
	}
	if *followUp < 0 || *followUp > queries.MaxFollowUpMonths {
		return usage("--followup-months %d: use 0 to %d", *followUp, queries.MaxFollowUpMonths)
	}
	cfg = tuiConfig{db: *db, figures: extra, sdc: &params, filterFlags: ff, followUpMonths: followUp}
	cfg.opts = tui.Options{
		Filter:     f,
		Lang:       resolveLang(*lang),
		Theme:      styles.ThemeName(*theme),
		NoColor:    os.Getenv("NO_COLOR") != "",
		Accessible: *accessible,
		Role:       common.Role(*role),
		ExportDir:  *exportDir,
		// The local analyst's SQL console (view 7).
		ConsoleLimits: queries.ConsoleLimits{Timeout: queries.DefaultConsoleTimeout, MaxRows: queries.DefaultConsoleMaxRows},
	}
	// Saved filter presets; without a config directory, for the session.
	cfg.opts.PresetsFile, _ = tui.DefaultPresetsFile()
	return cfg, exitOK, true
}

// hasTerminal reports whether the TUI can run on env's streams: a stdin
// or stdout that is a file of this process (not the streams of a test or
// an SSH session) must be a terminal.
func hasTerminal(env *cmdEnv) bool {
	for _, s := range []any{env.stdin, env.stdout} {
		if f, ok := s.(*os.File); ok && !term.IsTerminal(f.Fd()) {
			return false
		}
	}
	return true
}

// runDefault is bare `lagebild [--db FILE]`: the TUI.
func runDefault(ctx context.Context, env *cmdEnv, args []string) int {
	cfg, code, ok := parseDefaultFlags(env, args)
	if !ok {
		return code
	}
	o := cfg.opts
	o.Context = ctx
	if !hasTerminal(env) {
		fmt.Fprintln(env.stderr, "lagebild needs a terminal; for scripts use `lagebild brief`")
		fmt.Fprintln(env.stderr, "Run 'lagebild help' for the commands.")
		return exitUsage
	}
	usage := func(err error) int {
		fmt.Fprintln(env.stderr, "lagebild:", err)
		fmt.Fprintln(env.stderr, "Run 'lagebild --help' for usage.")
		return exitUsage
	}
	tty, width := terminalOf(env.stderr)
	progress := newCubeProgress(env.stderr, tty, width, time.Now)
	openOpts := queries.OpenOptions{Path: cfg.db, SDC: cfg.sdc, FollowUpMonths: cfg.followUpMonths, Cube: queries.CubeBuild, WarmCube: true,
		// Said before the screen opens: the first open of new data
		// waits for the cube, seconds per million cases.
		OnCubeBuild: func(cases int64) {
			fmt.Fprintf(env.stderr, "lagebild: first open of this data (%d cases): building %s for fast filter changes, once …\n",
				cases, queries.CubeFile(cfg.db))
		},
		OnCubeProgress: progress.update}
	if cfg.db != "" {
		// A file store opens fast; open it first so that a bad file is
		// an error on stderr, not a screen.
		st, err := queries.Open(ctx, openOpts)
		progress.stop()
		if err != nil {
			fmt.Fprintln(env.stderr, "lagebild:", err)
			return openExitCode(cfg.db, err)
		}
		defer st.Close()
		first, last := st.Years()
		if err := checkDataYears(cfg.filterFlags, 0, first, last); err != nil {
			return usage(err)
		}
		o.Source = st
	} else {
		// The embedded sample opens in the background; its years are
		// known without it.
		if err := checkDataYears(cfg.filterFlags, 0, sample.FromYear, sample.ToYear); err != nil {
			return usage(err)
		}
		var mu sync.Mutex
		var opened *queries.Store
		defer func() {
			mu.Lock()
			defer mu.Unlock()
			if opened != nil {
				opened.Close()
			}
		}()
		figs := cfg.figures
		if _, err := figures.EmbeddedWith(figs); err != nil {
			fmt.Fprintln(env.stderr, "lagebild:", err)
			return exitUsage
		}
		openOpts.Fill = sample.Fill(figs)
		o.Open = func(ctx context.Context) (tui.Source, error) {
			st, err := queries.Open(ctx, openOpts)
			if err != nil {
				return nil, err
			}
			mu.Lock()
			opened = st
			mu.Unlock()
			return st, nil
		}
	}
	progOpts := []tea.ProgramOption{tea.WithInput(env.stdin), tea.WithOutput(env.stdout)}
	if f, ok := env.stdout.(*os.File); !ok || f != os.Stdout {
		// Tests and the SSH server give their own streams and size.
		progOpts = append(progOpts, tea.WithoutSignalHandler())
	} else {
		// Bubble Tea handles SIGINT and SIGTERM, not SIGHUP, which would
		// end the process with the terminal raw, on the alternate screen
		// and reporting the mouse. Ending the program's context instead
		// restores the terminal (signals.go).
		var stop func()
		ctx, stop = signalContext(ctx, syscall.SIGHUP)
		defer stop()
		o.Context = ctx
	}
	if err := tui.Run(o, progOpts...); err != nil {
		fmt.Fprintln(env.stderr, "lagebild:", err)
		return exitFailure
	}
	if code, _, ok := signalExit(ctx); ok {
		return code
	}
	return exitOK
}
