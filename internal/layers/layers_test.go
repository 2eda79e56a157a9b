package layers

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// module is the module path of go.mod.
const module = "lagebild"

// rank orders the layers bottom-up; a package may import packages of its
// own rank or lower. The longest matching prefix decides.
var rank = []struct {
	prefix string
	level  int
}{
	{"internal/", 0}, // small helpers that know no domain
	{"datasets/", 1}, // schema, importer, store, generator, sample
	{"queries", 2},   // the store's protected numbers and their writers
	{"tui", 3},       // the terminal interface
	{"internal/sshserver", 4},
	{"internal/benchdata", 4}, // benchmark data: builds stores for every layer's benchmarks
	{"cmd/", 5},
}

// levelOf returns the layer of a module-relative package path.
func levelOf(rel string) (int, bool) {
	best, level := -1, 0
	for _, r := range rank {
		if (rel == strings.TrimSuffix(r.prefix, "/") || strings.HasPrefix(rel, r.prefix)) && len(r.prefix) > best {
			best, level = len(r.prefix), r.level
		}
	}
	return level, best >= 0
}

// TestNoImportRunsUp parses the imports of every non-test Go file of the
// module and fails on an import of a higher layer.
func TestNoImportRunsUp(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir, _ := filepath.Rel(root, filepath.Dir(path))
		dir = filepath.ToSlash(dir)
		from, ok := levelOf(dir)
		if !ok {
			t.Errorf("%s: package %s is in no layer; add it to rank", path, dir)
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !strings.HasPrefix(p, module+"/") {
				continue
			}
			to, ok := levelOf(strings.TrimPrefix(p, module+"/"))
			if ok && to > from {
				t.Errorf("%s imports %s: layer %d imports layer %d", filepath.ToSlash(strings.TrimPrefix(path, root+"/")), p, from, to)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("only %d files parsed: the walk missed the module", files)
	}
}
