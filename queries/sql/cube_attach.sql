-- Attaches a cube file (cubefile.go) under a fixed catalog name. ATTACH
-- takes no bound parameters, so the path placeholder holds the file's
-- path as a quoted SQL string literal (sqlString); the catalog and mode
-- placeholders are fixed words from cubefile.go.
ATTACH {{path}} AS {{catalog}} ({{mode}})
