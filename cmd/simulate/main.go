// Command simulate runs spiking-network scenarios written as TOML files.
//
//	simulate run [-out DIR] [-threads N] [-set KEY=VALUE]... [-svg] FILE.toml
//	simulate check FILE.toml
//	simulate models
//
// See docs/scenario-format.md for the file format and the outputs.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
