package integrate

import "fmt"

// Names lists the fixed-step methods New knows, as scenario files spell them.
var Names = []string{"euler", "rk4", "exponential-euler"}

// New returns the fixed-step method called name for a state of length n.
// "exact" is not a generic method (it belongs to models with linear
// subthreshold dynamics, see package neuron) and is not known here.
func New(name string, n int) (Method, error) {
	switch name {
	case "euler":
		return NewEuler(n), nil
	case "rk4":
		return NewRK4(n), nil
	case "exponential-euler":
		return NewExpEuler(n), nil
	}
	return nil, fmt.Errorf("integrate: unknown method %q (known: %v)", name, Names)
}
