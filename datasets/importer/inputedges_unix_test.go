//go:build unix

package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Issue #17 item 9: a FIFO is refused at once instead of waiting for a
// writer for ever.
func TestFIFORefusedAtOnce(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "export.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Validate(context.Background(), []string{fifo}, Options{IDsPseudonymous: true})
		done <- err
	}()
	select {
	case err := <-done:
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Errors[0].Code != CodeNotRegularFile {
			t.Fatalf("err %v, want %s", err, CodeNotRegularFile)
		}
	case <-time.After(10 * time.Second):
		// Release the reader that hangs in open.
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatal("validating a FIFO did not return within 10 s")
	}
}
