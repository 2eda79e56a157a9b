package tui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// program is a teatest program whose latest frame is captured: the
// renderer writes only what changed, so the output stream cannot be
// searched for whole lines.
type program struct {
	*teatest.TestModel
	frame atomic.Value // string
}

type pingMsg struct{}

func newProgram(t *testing.T, o Options, w, h int) *program {
	t.Helper()
	o.Now = fixedNow
	if o.Theme == "" {
		o.Theme = "dark"
	}
	p := &program{}
	p.frame.Store("")
	capture := func(m tea.Model, msg tea.Msg) tea.Msg {
		p.frame.Store(m.(*Model).View().Content)
		return msg
	}
	p.TestModel = teatest.NewTestModel(t, New(o), teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithFilter(capture)))
	return p
}

// waitFor waits until the frame on screen contains every text.
func waitFor(t *testing.T, p *program, texts ...string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		p.Send(pingMsg{})
		time.Sleep(20 * time.Millisecond)
		f := p.frame.Load().(string)
		ok := true
		for _, s := range texts {
			if !strings.Contains(f, s) {
				ok = false
				break
			}
		}
		if ok {
			return
		}
	}
	t.Fatalf("frame never showed %q; last frame:\n%s", texts, p.frame.Load())
}

// TestSmokeWholeProgram runs the program on the default data: first
// frame while the sample loads, every view, a filter, the table, quit.
func TestSmokeWholeProgram(t *testing.T) {
	src := testStore(t)
	opened := make(chan struct{})
	tm := newProgram(t, Options{Open: func(ctx context.Context) (Source, error) {
		<-opened
		return src, nil
	}}, 100, 30)
	waitFor(t, tm, "Loading the synthetic sample")
	close(opened)
	// the tag is cut to SYNTH. when the tabs take the row (tui/layout.go)
	waitFor(t, tm, "Person potential", "SYNTH", "Filter: none")
	for _, step := range []struct{ key, want string }{
		{"2", "Share of minors"},
		{"3", "Intakes by year and phenomenon area"},
		{"4", "Relapse rate by subgroup"},
		{"5", "Completeness per column"},
		{"6", "Person potential (persons)"},
		{"1", "New intakes"},
	} {
		tm.Type(step.key)
		waitFor(t, tm, step.want)
	}
	tm.Type("2")
	tm.Type("f")
	waitFor(t, tm, "Filter (applies to every case view)")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
	tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	waitFor(t, tm, "(•) Right-wing extremism")
	tm.Type("f")
	waitFor(t, tm, "Filter: Phenomenon: Right-wing")
	tm.Type("t")
	waitFor(t, tm, "table (t: chart)")
	tm.Send(tea.WindowSizeMsg{Width: 50, Height: 15})
	waitFor(t, tm, "too small")
	tm.Send(tea.WindowSizeMsg{Width: 140, Height: 45})
	waitFor(t, tm, "Intakes by year and age band")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	out, err := io.ReadAll(tm.FinalOutput(t))
	if err != nil || len(out) == 0 {
		t.Errorf("no output (%v)", err)
	}
	if bytes.Contains(out, []byte("panic")) {
		t.Errorf("panic in output")
	}
	fm := tm.FinalModel(t).(*Model)
	if got := fm.ctx.Filter.Phenomena; len(got) != 1 || got[0] != "right_wing" {
		t.Errorf("final filter %v", got)
	}
}

// TestSmokeOpenError: a store that does not open is reported and q quits.
func TestSmokeOpenError(t *testing.T) {
	tm := newProgram(t, Options{Open: func(ctx context.Context) (Source, error) {
		return nil, errTest("no such store")
	}}, 80, 24)
	waitFor(t, tm, "could not be opened", "no such store")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if err := tm.FinalModel(t).(*Model).Err(); err == nil || !strings.Contains(err.Error(), "no such store") {
		t.Errorf("Err() = %v", err)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

// TestSmokeAccessibleGerman: the accessible mode in German says its
// numbers in sentences and keeps the keys.
func TestSmokeAccessibleGerman(t *testing.T) {
	tm := newProgram(t, Options{Source: testStore(t), Accessible: true, Lang: "de"}, 100, 30)
	waitFor(t, tm, "Personenpotenzial, Rechtsextremismus 2024: 50.250 Personen")
	tm.Type("4")
	waitFor(t, tm, "Rückfallquote nach Teilgruppe")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
