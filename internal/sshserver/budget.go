package sshserver

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"sync"
	"time"

	"lagebild/internal/atomicfile"
	"lagebild/queries"
	"lagebild/tui/common"
)

// Defaults of the daily filter budget (docs/ssh.md, "Query budget").
//
// Every distinct filter makes the server compute another set of protected
// outputs over another subset of the cases; averaging or differencing
// enough of them can undo the cell-key protection. The budget bounds how
// many distinct filters one key can see per day. 200 is several times
// what a person clicking through the filter panel uses in a working day
// (a briefing needs a handful), yet far below the thousands a script
// walking the filter space needs. Analysts see the exact records in the
// SQL console anyway; they are still charged for the protected views,
// whose numbers are the ones that get published, with a larger default.
const (
	DefaultFilterBudget        = 200
	DefaultAnalystFilterBudget = 1000
)

// budgetFileName is the budget's file next to the host key when
// Config.BudgetPath is empty.
const budgetFileName = "filter-budget.json"

// filterBudget counts the distinct filters each key has applied on the
// current UTC day. The zero filter (all cases) is never charged: it is
// the published total every session starts with. A filter charged today
// is free again. The state is written to a file after every new charge
// (atomically, mode 0600), so a restart of the server does not reset it.
type filterBudget struct {
	path   string
	limits map[common.Role]int // role → distinct filters per day; < 0: no limit
	now    func() time.Time

	mu   sync.Mutex
	day  string                         // UTC date of used
	used map[string]map[string]struct{} // key fingerprint → filter keys
}

// budgetState is the budget's file.
type budgetState struct {
	Day  string              `json:"day"`
	Keys map[string][]string `json:"keys"`
}

// budgetCharge is the outcome of a charge that was not refused.
type budgetCharge struct {
	charged bool // a new filter, counted now
	used    int  // distinct filters of the key today, after the charge
	limit   int
}

// openFilterBudget reads the budget's file (a missing file is an empty
// budget; a file of an earlier day is discarded).
func openFilterBudget(path string, limits map[common.Role]int, now func() time.Time) (*filterBudget, error) {
	b := &filterBudget{path: path, limits: limits, now: now, used: map[string]map[string]struct{}{}}
	b.day = b.today()
	if path == "" {
		return b, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return b, nil
	}
	if err != nil {
		return nil, fmt.Errorf("filter budget: %w", err)
	}
	var st budgetState
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("filter budget %s: not a budget file (%v); remove it to start the day's budget anew", path, err)
	}
	if st.Day != b.day {
		return b, nil
	}
	for fp, keys := range st.Keys {
		set := make(map[string]struct{}, len(keys))
		for _, k := range keys {
			set[k] = struct{}{}
		}
		b.used[fp] = set
	}
	return b, nil
}

func (b *filterBudget) today() string { return b.now().UTC().Format(time.DateOnly) }

// limit is the role's budget (< 0: no limit).
func (b *filterBudget) limit(role common.Role) int {
	if l, ok := b.limits[role]; ok {
		return l
	}
	return b.limits[RoleViewer]
}

// charge counts f for the key. It returns *common.FilterBudgetError when
// f is new and the key's budget for today is used up, and an error when
// the charge cannot be written down (the filter is then refused: a charge
// that a restart would forget is no charge).
func (b *filterBudget) charge(fingerprint string, role common.Role, f queries.Filter) (budgetCharge, error) {
	limit := b.limit(role)
	if f.IsZero() || limit < 0 {
		return budgetCharge{limit: limit}, nil
	}
	key := f.Key()
	b.mu.Lock()
	defer b.mu.Unlock()
	if d := b.today(); d != b.day {
		b.day, b.used = d, map[string]map[string]struct{}{}
	}
	set := b.used[fingerprint]
	if _, ok := set[key]; ok {
		return budgetCharge{used: len(set), limit: limit}, nil
	}
	if len(set) >= limit {
		return budgetCharge{used: len(set), limit: limit}, &common.FilterBudgetError{Limit: limit}
	}
	if set == nil {
		set = map[string]struct{}{}
		b.used[fingerprint] = set
	}
	set[key] = struct{}{}
	if err := b.save(); err != nil {
		delete(set, key)
		return budgetCharge{used: len(set), limit: limit}, err
	}
	return budgetCharge{charged: true, used: len(set), limit: limit}, nil
}

// save writes the state to a temporary file in the same directory, syncs
// it and renames it over the budget's file. Called with b.mu held.
func (b *filterBudget) save() error {
	if b.path == "" {
		return nil
	}
	st := budgetState{Day: b.day, Keys: make(map[string][]string, len(b.used))}
	for fp, set := range b.used {
		keys := make([]string, 0, len(set))
		for k := range set {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		st.Keys[fp] = keys
	}
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(b.path, data, 0o600); err != nil {
		return fmt.Errorf("filter budget: %w", err)
	}
	return nil
}
