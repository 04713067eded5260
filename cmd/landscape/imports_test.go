package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCommandsImportOnlyJobs checks that the commands wire flags to the
// jobs of pipeline/run and import nothing else of ours but the stream type:
// the pipeline's logic lives in the stages.
func TestCommandsImportOnlyJobs(t *testing.T) {
	allowed := map[string]bool{
		"github.com/landscapehq/landscape/pipeline/run":       true,
		"github.com/landscapehq/landscape/internal/iostreams": true,
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range file.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/landscapehq/landscape/") && !allowed[path] {
				t.Errorf("%s imports %s; commands may import only pipeline/run and internal/iostreams", f, path)
			}
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no command files found")
	}
}
