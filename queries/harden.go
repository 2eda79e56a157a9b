package queries

import (
	"context"
	"database/sql"
	"fmt"
)

// harden disables external access and locks the configuration, then reads
// every security-relevant setting back on a fresh connection and fails if
// one is not as required. A later SET cannot undo a locked configuration;
// read-only mode of a file store comes from the DSN, because a SET after
// open would not enforce it.
func harden(ctx context.Context, db *sql.DB, readOnly bool) error {
	for _, stmt := range []string{
		`SET GLOBAL enable_external_access = false`,
		`SET GLOBAL lock_configuration = true`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("hardening the store (%s): %w", stmt, err)
		}
	}
	want := map[string]string{
		"enable_external_access":       "false",
		"lock_configuration":           "true",
		"autoinstall_known_extensions": "false",
		"autoload_known_extensions":    "false",
		"allow_community_extensions":   "false",
	}
	if readOnly {
		want["access_mode"] = "read_only"
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for name, value := range want {
		var got string
		if err := conn.QueryRowContext(ctx, `SELECT lower(current_setting(?)::VARCHAR)`, name).Scan(&got); err != nil {
			return fmt.Errorf("reading setting %s back: %w", name, err)
		}
		if got != value {
			return fmt.Errorf("hardening the store: %s is %q, want %q; refusing to continue", name, got, value)
		}
	}
	return nil
}
