//go:build !amd64

package hodgkinhuxley

var hasAVX = false

func tmGatesAVX(args *tmLinArgs) { panic("hodgkinhuxley: no vector kernel") }
