// Package consoleproc runs the analyst's SQL console statements in a
// process of their own, under a hard memory cap and a hard wall-clock
// limit (issue #17, item 1; docs/privacy.md, the console section).
//
// Why a process: DuckDB's memory_limit covers its buffer manager only, and
// some operators never look at the interrupt flag. In the server's process
// `SELECT max(length(l)) FROM (SELECT range(0,100000000) l)` grew past
// 3 GB and ran for minutes against a 2 s limit; the kernel's OOM killer
// then took the whole server, every session with it. A child process can
// be capped by the kernel (RLIMIT_DATA, set by the child on itself before
// it opens DuckDB) and killed with SIGKILL at its deadline, and whatever
// it does with DuckDB's global state (logging, settings) dies with it.
//
// The parent (Runner) writes one request to the worker's standard input
// and reads one response from its standard output; the worker (Serve)
// opens the store itself and runs (*queries.Store).Console. Errors travel
// as kinds (refused, invalid, timeout, memory, error), so that the parent
// rebuilds the typed errors of package queries without reading messages.
package consoleproc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"lagebild/queries"
)

// MemoryCapEnv names the environment variable that carries the memory cap
// (bytes) to a child process; ApplyMemoryCap reads it.
const MemoryCapEnv = "LAGEBILD_MEMORY_CAP"

// Defaults of Runner.
const (
	// DefaultMemoryCap is the memory a worker may fill (RLIMIT_DATA,
	// see ApplyMemoryCap). DuckDB's
	// own memory_limit in the worker is a quarter below it
	// (WorkerMemoryLimit), so that DuckDB reports "out of memory" on
	// its own before the kernel cap bites where it can.
	DefaultMemoryCap = 2 << 30
	// DefaultGrace is the time a worker gets beyond the statement's time
	// limit (to start, open the store and report the timeout itself)
	// before it is killed.
	DefaultGrace = 2 * time.Second
	// DefaultMaxResponse bounds the bytes of a result the parent reads.
	DefaultMaxResponse = 32 << 20
)

// WorkerMemoryLimit is the DuckDB memory_limit for a worker under a cap of
// capBytes ("" when there is no cap).
func WorkerMemoryLimit(capBytes int64) string {
	if capBytes <= 0 {
		return ""
	}
	return strconv.FormatInt(max(capBytes/4*3/(1<<20), 64), 10) + "MB"
}

// MemoryCapFromEnv returns the cap MemoryCapEnv sets (0: none).
func MemoryCapFromEnv() (int64, error) {
	v := os.Getenv(MemoryCapEnv)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s=%q: want a positive number of bytes", MemoryCapEnv, v)
	}
	return n, nil
}

// ErrResultTooLarge is returned when a result exceeds Runner.MaxResponse.
var ErrResultTooLarge = errors.New("the result is too large to show")

// request is what the parent sends to a worker.
type request struct {
	SQL       string `json:"sql"`
	TimeoutMS int64  `json:"timeout_ms"`
	MaxRows   int    `json:"max_rows"`
}

// response is what a worker sends back: a result or an error. The
// result's rows come back as JSON numbers (Runner.Console normalises
// them again) and its Elapsed is replaced by the time the Runner measured.
type response struct {
	Result *queries.ConsoleResult `json:"result,omitempty"`
	Error  *errorJSON             `json:"error,omitempty"`
}

// Error kinds.
const (
	kindRefused = "refused"
	kindInvalid = "invalid"
	kindTimeout = "timeout"
	kindMemory  = "memory"
	kindError   = "error"
)

type errorJSON struct {
	Kind    string `json:"kind"`
	What    string `json:"what,omitempty"`
	Message string `json:"message"`
}

// Serve is the worker: it reads one request from in, runs it on st and
// writes one response to out.
func Serve(ctx context.Context, st *queries.Store, in io.Reader, out io.Writer) error {
	var req request
	if err := json.NewDecoder(io.LimitReader(in, 4<<20)).Decode(&req); err != nil {
		return fmt.Errorf("reading the request: %w", err)
	}
	limits := queries.ConsoleLimits{Timeout: time.Duration(req.TimeoutMS) * time.Millisecond, MaxRows: req.MaxRows}
	res, err := st.Console(ctx, req.SQL, limits)
	var resp response
	if err != nil {
		resp.Error = encodeError(err)
	} else {
		resp.Result = res
		if resp.Result.Rows == nil {
			resp.Result.Rows = [][]any{}
		}
	}
	return json.NewEncoder(out).Encode(&resp)
}

func encodeError(err error) *errorJSON {
	var refused *queries.RefusedError
	var invalid *queries.InvalidQueryError
	switch {
	case errors.As(err, &refused):
		return &errorJSON{Kind: kindRefused, What: refused.What, Message: refused.Reason}
	case errors.As(err, &invalid):
		return &errorJSON{Kind: kindInvalid, Message: invalid.Err.Error()}
	case errors.Is(err, queries.ErrConsoleTimeout):
		return &errorJSON{Kind: kindTimeout, Message: err.Error()}
	case errors.Is(err, queries.ErrConsoleMemory):
		return &errorJSON{Kind: kindMemory, Message: err.Error()}
	}
	return &errorJSON{Kind: kindError, Message: err.Error()}
}

func (e *errorJSON) decode() error {
	switch e.Kind {
	case kindRefused:
		return &queries.RefusedError{What: e.What, Reason: e.Message}
	case kindInvalid:
		return &queries.InvalidQueryError{Err: errors.New(e.Message)}
	case kindTimeout:
		return wrapped{queries.ErrConsoleTimeout, e.Message}
	case kindMemory:
		return wrapped{queries.ErrConsoleMemory, e.Message}
	}
	return errors.New(e.Message)
}

// wrapped is an error with the worker's message that is a sentinel of
// package queries.
type wrapped struct {
	sentinel error
	msg      string
}

func (w wrapped) Error() string { return w.msg }
func (w wrapped) Unwrap() error { return w.sentinel }

// Runner runs console statements in worker processes. Its Console method
// has the signature of (*queries.Store).Console, so a Runner stands in for
// the store wherever the console runs statements.
type Runner struct {
	// Command returns the worker process, not yet started: this program
	// with the worker's arguments (which store to open). Its Env should
	// be minimal; the Runner adds MemoryCapEnv.
	Command func(ctx context.Context) (*exec.Cmd, error)
	// MemoryCap is the worker's memory cap in bytes (default
	// DefaultMemoryCap; negative: none).
	MemoryCap int64
	// Grace is the time beyond the statement's time limit after which
	// the worker is killed (default DefaultGrace).
	Grace time.Duration
	// MaxResponse bounds the bytes of a response (default DefaultMaxResponse).
	MaxResponse int64
}

func (r *Runner) memoryCap() int64 {
	switch {
	case r.MemoryCap == 0:
		return DefaultMemoryCap
	case r.MemoryCap < 0:
		return 0
	}
	return r.MemoryCap
}

// Console runs one statement in a fresh worker. It returns the errors of
// (*queries.Store).Console, and an error wrapping queries.ErrConsoleTimeout
// when the worker had to be killed at its deadline, or
// queries.ErrConsoleMemory when it ended without an answer (the kernel's
// memory cap ends a process that way).
func (r *Runner) Console(ctx context.Context, query string, limits queries.ConsoleLimits) (*queries.ConsoleResult, error) {
	limits = limits.WithDefaults()
	grace := r.Grace
	if grace <= 0 {
		grace = DefaultGrace
	}
	maxResp := r.MaxResponse
	if maxResp <= 0 {
		maxResp = DefaultMaxResponse
	}
	start := time.Now()
	dctx, cancel := context.WithTimeout(ctx, limits.Timeout+grace)
	defer cancel()
	cmd, err := r.Command(dctx)
	if err != nil {
		return nil, fmt.Errorf("starting the statement's process: %w", err)
	}
	if cmd.Env == nil {
		cmd.Env = []string{}
	}
	if c := r.memoryCap(); c > 0 {
		cmd.Env = append(cmd.Env, MemoryCapEnv+"="+strconv.FormatInt(c, 10))
	}
	cmd.Cancel = func() error { return cmd.Process.Kill() }
	cmd.WaitDelay = time.Second
	req, _ := json.Marshal(request{SQL: query, TimeoutMS: limits.Timeout.Milliseconds(), MaxRows: limits.MaxRows})
	cmd.Stdin = bytes.NewReader(req)
	var out limitedBuffer
	out.max = maxResp
	cmd.Stdout = &out
	cmd.Stderr = io.Discard
	runErr := cmd.Run()
	switch {
	case errors.Is(dctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil:
		return nil, wrapped{queries.ErrConsoleTimeout, fmt.Sprintf("%v: the statement ran longer than %v and its process was stopped",
			queries.ErrConsoleTimeout, limits.Timeout)}
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case out.over:
		return nil, fmt.Errorf("%w: it is larger than %d MB; select fewer rows or columns", ErrResultTooLarge, maxResp>>20)
	}
	var resp response
	dec := json.NewDecoder(bytes.NewReader(out.b.Bytes()))
	dec.UseNumber()
	if err := dec.Decode(&resp); err != nil || (resp.Result == nil && resp.Error == nil) {
		// No answer: the process died. Under the kernel's cap that is
		// how an allocation beyond it ends (the C++ runtime aborts or
		// the Go runtime exits when an allocation fails).
		var ee *exec.ExitError
		how := "failed"
		if errors.As(runErr, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				how = "was ended by signal " + ws.Signal().String()
			} else {
				how = "exited with status " + strconv.Itoa(ee.ExitCode())
			}
		}
		if c := r.memoryCap(); c > 0 {
			return nil, wrapped{queries.ErrConsoleMemory, fmt.Sprintf("%v: the statement's process %s without an answer; its memory cap is %d MB",
				queries.ErrConsoleMemory, how, c>>20)}
		}
		return nil, fmt.Errorf("the statement's process %s without an answer", how)
	}
	if resp.Error != nil {
		return nil, resp.Error.decode()
	}
	res := resp.Result
	res.Elapsed = time.Since(start)
	for _, row := range res.Rows {
		for i, v := range row {
			row[i] = fromJSON(v)
		}
	}
	return res, nil
}

// fromJSON turns decoded JSON back into the normalised console values:
// integers to int64 (or uint64), other numbers to float64.
func fromJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		s := string(x)
		if !strings.ContainsAny(s, ".eE") {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return n
			}
			if n, err := strconv.ParseUint(s, 10, 64); err == nil {
				return n
			}
		}
		f, _ := strconv.ParseFloat(s, 64)
		return f
	case []any:
		for i := range x {
			x[i] = fromJSON(x[i])
		}
		return x
	case map[string]any:
		for k := range x {
			x[k] = fromJSON(x[k])
		}
		return x
	}
	return v
}

// limitedBuffer keeps at most max bytes and notes when more came; it
// drains the rest, so that the worker never blocks on a full pipe.
type limitedBuffer struct {
	mu   sync.Mutex
	b    bytes.Buffer
	max  int64
	over bool
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if int64(l.b.Len()+len(p)) > l.max {
		l.over = true
		l.b.Reset()
		return len(p), nil
	}
	if l.over {
		return len(p), nil
	}
	return l.b.Write(p)
}
