// Package layers holds no code, only a test of the module's import
// graph: data flows one way, export → importer → store → queries →
// presentation (tui, CLI, SSH), and no package may import one of a layer
// above it (docs/architecture.md). A back-arrow makes a low layer depend
// on presentation and turns every change up there into a rebuild and a
// review of the layers below.
package layers
