package datasets

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// above are the module's packages that sit above datasets.
var above = []string{"lagebild/queries", "lagebild/tui", "lagebild/cmd", "lagebild/internal"}

// No source file of datasets imports a layer above it. (Tests may: they
// check what a package builds through the reader that opens it.)
func TestNoImportFromAbove(t *testing.T) {
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			for _, a := range above {
				if p == a || strings.HasPrefix(p, a+"/") {
					t.Errorf("%s imports %s: datasets must not import the layers above it", path, p)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("only %d source files found under datasets: is the walk in the right place?", files)
	}
}
