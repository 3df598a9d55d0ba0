//go:build !amd64

package hodgkinhuxley

var hasAVX = false

func tmLinearAVX(args *tmLinArgs) { panic("hodgkinhuxley: no vector kernel") }
