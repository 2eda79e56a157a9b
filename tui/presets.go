package tui

// Saved filter presets: a name for a filter, kept as the filter's
// canonical flag string (queries.Filter.Flags, e.g. "--years 2020-2022
// --phenomenon islamist"), which `lagebild brief` accepts as it is, so a
// preset is shared as one string. Locally they live in a file of lines
// `name = <flag string>` (Options.PresetsFile); over SSH the server's
// files are not the user's, so presets are kept for the session only and
// the list shows the strings to copy (y copies the selected one). A
// preset applies through applyFilter: validated (queries.ParseFlags) and
// charged to the filter gate as a change in the panel.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/atomicfile"
	"lagebild/internal/i18n"
	"lagebild/queries"
)

// Preset is a named filter as its flag string.
type Preset struct {
	Name  string
	Flags string
}

// DefaultPresetsFile is where the local TUI keeps its presets:
// $XDG_CONFIG_HOME/lagebild/presets (os.UserConfigDir).
func DefaultPresetsFile() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "lagebild", "presets"), nil
}

// ReadPresets reads a presets file: one `name = <flag string>` a line;
// blank lines and lines starting with # are skipped. A missing file is no
// presets. Every string is checked with queries.ParseFlags; the error
// names the line.
func ReadPresets(path string) ([]Preset, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Preset
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, flags, ok := strings.Cut(line, "=")
		name, flags = strings.TrimSpace(name), strings.TrimSpace(flags)
		if !ok || name == "" {
			return nil, fmt.Errorf("%s:%d: want `name = <filter flags>`", path, n)
		}
		if _, err := queries.ParseFlags(flags); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = withPreset(out, Preset{name, flags})
	}
	return out, sc.Err()
}

// WritePresets writes the presets file atomically, creating its directory.
func WritePresets(path string, ps []Preset) error {
	var b strings.Builder
	b.WriteString("# lagebild filter presets: name = <filter flags, as `lagebild brief` takes them>\n")
	for _, p := range ps {
		fmt.Fprintf(&b, "%s = %s\n", p.Name, p.Flags)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.Write(path, []byte(b.String()), 0o600)
}

// withPreset returns ps with p added, or replacing the preset of its name.
func withPreset(ps []Preset, p Preset) []Preset {
	for i := range ps {
		if ps[i].Name == p.Name {
			ps[i] = p
			return ps
		}
	}
	return append(ps, p)
}

// presetUI is the state of the presets list (p) and the name prompt (P).
type presetUI struct {
	list    []Preset
	loadErr error // reading the file failed: shown in the list
	listing bool
	sel     int
	naming  bool
	name    []rune
}

func (u *presetUI) open() bool { return u.listing || u.naming }

// loadPresets reads the presets file, if the session has one.
func (m *Model) loadPresets() {
	if m.opts.PresetsFile == "" {
		return
	}
	m.presets.list, m.presets.loadErr = ReadPresets(m.opts.PresetsFile)
}

// presetKey handles a key while the list or the name prompt is open.
func (m *Model) presetKey(msg tea.KeyPressMsg) tea.Cmd {
	u, km := &m.presets, m.keys
	if u.naming {
		switch msg.Code {
		case tea.KeyEscape:
			u.naming = false
		case tea.KeyEnter:
			u.naming = false
			return m.savePreset(strings.TrimSpace(string(u.name)))
		case tea.KeyBackspace:
			if len(u.name) > 0 {
				u.name = u.name[:len(u.name)-1]
			}
		default:
			if t := msg.Text; t != "" && !strings.ContainsAny(t, "=\n") && len(u.name) < 40 {
				u.name = append(u.name, []rune(t)...)
			}
		}
		return nil
	}
	switch {
	case key.Matches(msg, km.Cancel, km.Presets):
		u.listing = false
	case key.Matches(msg, km.Up):
		u.sel = max(u.sel-1, 0)
	case key.Matches(msg, km.Down):
		u.sel = min(u.sel+1, max(len(u.list)-1, 0))
	case key.Matches(msg, km.Copy) && len(u.list) > 0:
		p := u.list[u.sel]
		return tea.Batch(tea.SetClipboard(p.Flags), m.setStatus(i18n.F(m.ctx.Lang, "st.preset.copied", p.Name), false))
	case key.Matches(msg, km.Drill) && len(u.list) > 0:
		u.listing = false
		return m.applyPreset(u.list[u.sel])
	case key.Matches(msg, km.Quit):
		return m.quit()
	}
	return nil
}

// savePreset keeps the current filter under name (and in the file).
func (m *Model) savePreset(name string) tea.Cmd {
	lang := m.ctx.Lang
	if name == "" {
		return m.setStatus(i18n.T(lang, "st.preset.noname"), true)
	}
	p := Preset{Name: name, Flags: m.ctx.Filter.Flags()}
	m.presets.list = withPreset(m.presets.list, p)
	if path := m.opts.PresetsFile; path != "" {
		if err := WritePresets(path, m.presets.list); err != nil {
			return m.setStatus(i18n.T(lang, "st.preset.writefailed")+": "+err.Error(), true)
		}
		return m.setStatus(i18n.F(lang, "st.preset.saved", name, path, m.filterText(m.ctx.Filter)), false)
	}
	return m.setStatus(i18n.F(lang, "st.preset.session", name, m.filterText(m.ctx.Filter)), false)
}

// applyPreset sets the preset's filter, validated as in the panel.
func (m *Model) applyPreset(p Preset) tea.Cmd {
	f, err := queries.ParseFlags(p.Flags)
	if err != nil {
		return m.setStatus(i18n.F(m.ctx.Lang, "st.preset.invalid", p.Name)+": "+err.Error(), true)
	}
	return m.applyFilter(f)
}

// presetsBody draws the presets list or the name prompt.
func (m *Model) presetsBody(w int) string {
	st, lang, u := m.ctx.Styles, m.ctx.Lang, &m.presets
	var b strings.Builder
	if u.naming {
		b.WriteString(st.Title.Render(i18n.T(lang, "preset.save")) + "\n\n")
		b.WriteString(i18n.T(lang, "preset.filter") + " " + m.filterText(m.ctx.Filter) + "\n\n")
		b.WriteString(i18n.T(lang, "preset.name") + " " + string(u.name) + "█\n\n")
		b.WriteString(st.Muted.Render(i18n.T(lang, "preset.savehint")))
		return b.String()
	}
	b.WriteString(st.Title.Render(i18n.T(lang, "preset.title")) + "\n")
	where := i18n.T(lang, "preset.session")
	if m.opts.PresetsFile != "" {
		where = i18n.F(lang, "preset.file", m.opts.PresetsFile)
	}
	b.WriteString(st.Muted.Render(ansi.Wordwrap(where, w, " ")) + "\n\n")
	if u.loadErr != nil {
		b.WriteString(st.Error.Render(ansi.Wordwrap(u.loadErr.Error(), w, " ")) + "\n\n")
	}
	if len(u.list) == 0 {
		b.WriteString(st.Muted.Render(i18n.T(lang, "preset.none")) + "\n")
	}
	for i, p := range u.list {
		line := "  " + p.Name + "  " + st.Muted.Render(p.Flags)
		if p.Flags == "" {
			line = "  " + p.Name + "  " + st.Muted.Render(i18n.T(lang, "st.drill.all"))
		}
		if i == u.sel {
			line = drillMark + p.Name + "  " + p.Flags
		}
		b.WriteString(ansi.Truncate(line, w, "…") + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(ansi.Wordwrap(i18n.T(lang, "preset.listhint"), w, " ")))
	return b.String()
}
