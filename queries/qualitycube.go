package queries

// qualityCubeStatements build the quality view's tables of the cube file
// in the database prefix (a catalog followed by a dot, or ""): the table
// of the candidate records of repeated case keys (qualityrepeated.go) and
// the risk cube (qualityrisk.go). The cube file runs them beside the
// coverings' cubes (cubefile.go), and they are part of its fingerprint, so
// that a cube file built by other code is built again.
func qualityCubeStatements(prefix string) []string {
	return append(repeatedRecordsStatements(prefix), riskCube.statements(prefix)...)
}
