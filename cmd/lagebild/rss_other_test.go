//go:build !unix

package main

import "os"

// maxRSS is not measured where getrusage is missing: peak-MB reads 0.
func maxRSS(*os.ProcessState) int64 { return 0 }
