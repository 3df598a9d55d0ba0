package plots_test

import (
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"

	"gonum.org/v1/plot/vg"

	"gospike/plots"
)

// A spike raster with the population rate under it, from a spike list as
// spikes.csv holds it: here 20 neurons firing regularly, neuron i every
// 10 + i ms.
func ExampleRaster() {
	s := plots.Spikes{Name: "exc", Size: 20}
	for i := range 20 {
		for t := 1.0; t < 200; t += 10 + float64(i) {
			s.Neuron = append(s.Neuron, i)
			s.Time = append(s.Time, t)
		}
	}
	f, err := plots.Raster("Regular firing", plots.Binning{Start: 0, End: 200, Bin: 1, Smooth: 2}, s)
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "plots")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	for _, name := range []string{"raster.png", "raster.svg"} {
		if err := f.Save(filepath.Join(dir, name)); err != nil {
			log.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, file := range files {
		fmt.Println(filepath.Base(file))
	}
	// Output:
	// raster.png
	// raster.svg
}

// A membrane potential trace: the alpha-function PSP
// V(t) = E_L + A (t/tau) exp(1 - t/tau), E_L = -65 mV, A = 2 mV, tau = 5 ms.
func ExampleTraces() {
	tr := plots.Trace{Name: "neuron[0]"}
	for k := 0; k <= 5000; k++ {
		t := 0.01 * float64(k)
		tr.T = append(tr.T, t)
		tr.Y = append(tr.Y, -65+2*(t/5)*math.Exp(1-t/5))
	}
	f, err := plots.Traces("Alpha PSP", plots.Panel{Quantity: "V", Unit: "mV", Traces: []plots.Trace{tr}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.0f x %.0f cm at %d dpi\n", f.Width/vg.Centimeter, f.Height/vg.Centimeter, f.DPI)
	// Output:
	// 16 x 10 cm at 300 dpi
}
