package queries

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// syntaxCaret is DuckDB's pointer at a syntax error: the line of the
// statement that holds the error ("LINE 2: …") and a caret under the byte
// position the parser reported, the block DuckDB itself prints. The
// statement check learns of a syntax error from json_serialize_sql, which
// gives the position as a number instead of that block; without it the
// analyst would read "syntax error at or near …" with no place. An unknown
// or out-of-range position gives "".
func syntaxCaret(query, position string) string {
	pos, err := strconv.Atoi(position)
	if err != nil || pos < 0 || pos > len(query) {
		return ""
	}
	start := strings.LastIndexByte(query[:pos], '\n') + 1
	end := len(query)
	if i := strings.IndexByte(query[pos:], '\n'); i >= 0 {
		end = pos + i
	}
	prefix := "LINE " + strconv.Itoa(strings.Count(query[:start], "\n")+1) + ": "
	line := strings.TrimRight(query[start:end], "\r")
	indent := len(prefix) + utf8.RuneCountInString(strings.ReplaceAll(query[start:pos], "\t", " "))
	return prefix + strings.ReplaceAll(line, "\t", " ") + "\n" + strings.Repeat(" ", indent) + "^"
}
