package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/queries/sdc"
	"lagebild/tui/views"
)

// The evaluator's numbers are the same in `check --format json`, in the
// briefing's tables of the same names and in the TUI's evaluator view.
func TestEvaluatorNumbersAgreeAcrossOutputs(t *testing.T) {
	code, out, stderr := runLagebild(t, "", "check", "--format", "json")
	if code != exitOK && code != exitQuality {
		t.Fatalf("check: exit %d: %s", code, stderr)
	}
	var rep export.CheckReportJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runLagebild(t, "", "brief", "--format", "json")
	if code != exitOK {
		t.Fatalf("brief: exit %d: %s", code, stderr)
	}
	var brief export.BriefJSON
	if err := json.Unmarshal([]byte(out), &brief); err != nil {
		t.Fatal(err)
	}
	briefByName := map[string]export.TableJSON{}
	for _, bt := range brief.Tables {
		briefByName[bt.Name] = bt
	}

	// the view, loaded through the same store the commands open
	ctx := context.Background()
	st, _, err := openStore(ctx, "", sdc.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var view views.View
	for _, v := range views.Tabs(views.Env{Source: st, Lang: i18n.EN}) {
		if v.Name() == "evaluator" {
			view = v
		}
	}
	if view == nil {
		t.Fatal("no evaluator view in the registry")
	}
	data, err := view.Load(ctx, st, queries.Filter{}, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	viewByName := map[string]export.TableJSON{}
	for _, vt := range data.Tables() {
		viewByName[vt.ID] = export.TableToJSON(&vt, i18n.EN)
	}

	if len(rep.Evaluator) != len(evaluatorCheckTables) {
		t.Fatalf("check has %d evaluator tables, want %d", len(rep.Evaluator), len(evaluatorCheckTables))
	}
	for _, ct := range rep.Evaluator {
		for where, other := range map[string]map[string]export.TableJSON{"brief": briefByName, "view": viewByName} {
			o, ok := other[ct.Name]
			if !ok {
				t.Errorf("%s lacks %s", where, ct.Name)
				continue
			}
			if !reflect.DeepEqual(ct.Rows, o.Rows) || !reflect.DeepEqual(ct.Cols, o.Cols) || !reflect.DeepEqual(ct.Cells, o.Cells) {
				t.Errorf("%s: check and %s differ", ct.Name, where)
			}
		}
		if len(ct.Rows) < 2 {
			t.Errorf("%s: %d rows, want every provider or subgroup", ct.Name, len(ct.Rows))
		}
	}
	if rep.RiskAdvice != nil {
		t.Error("risk advice (exact) in the check of a store: it is for export files only")
	}
}

// For an export, check names the quasi-identifier that drives the risk and
// measures each coarsening; the numbers are those of the importer.
func TestCheckExportNamesTheRiskDriver(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cases.csv")
	if code, _, stderr := runLagebild(t, "", "gen", "--cases", "2000", "--out", file); code != exitOK {
		t.Fatalf("gen: exit %d: %s", code, stderr)
	}
	code, out, stderr := runLagebild(t, "", "check", "--format", "json", file)
	if code != exitOK && code != exitQuality {
		t.Fatalf("check: exit %d: %s", code, stderr)
	}
	var rep export.CheckReportJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	a := rep.RiskAdvice
	if a == nil || len(a.Coarsenings) != 7 {
		t.Fatalf("risk advice %+v, want the driver and seven coarsenings", a)
	}
	if a.Driver != a.Drivers[0].Name {
		t.Errorf("driver %q is not the first of %v", a.Driver, a.Drivers)
	}
	for i := 1; i < len(a.Drivers); i++ {
		if a.Drivers[i].Share < a.Drivers[i-1].Share {
			t.Errorf("drivers not ordered by the share without them: %v", a.Drivers)
		}
	}
}
