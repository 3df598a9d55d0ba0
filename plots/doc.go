// Package plots draws the figures of a simulation from plain recorded data
// (time series, spike lists, curves), ready for a paper: sans-serif text
// of 9-11 pt, units on every axis, thin lines, axes that span the data,
// colour-blind-safe colours (Okabe & Ito 2008), legends only where there
// is more than one series, placed where they hide no data.
//
// It never runs a simulation and imports nothing else of the project.
//
// # Figures
//
//   - Traces: recorded variables against time (ms), one panel per Panel
//     (a quantity and its unit), stacked on a shared time axis; at most
//     MaxPanels panels, the title says when more were given.
//   - Raster: a spike raster, populations in coloured bands named on the
//     axis, with the population rate under it on the same time axis.
//   - Rate: population rates alone.
//   - FI: a frequency-current curve with reference curves.
//   - PhasePlane: a Morris-Lecar trajectory in the (V, w) plane with its
//     two nullclines.
//   - ISIHistogram: inter-spike interval histograms, one panel per
//     population, each with its mean CV; on a logarithmic axis when
//     bursts and pauses would crowd a linear one's first bins.
//   - Lines: any named curves y(x) with the caller's axis labels.
//
// Each returns a *Figure (16 cm wide; 10 cm tall, more for stacks of
// panels; 300 dpi) whose Save writes PNG, SVG or PDF as the file's
// extension says, atomically: to a temporary file in the same directory,
// then renamed, so a file appears whole or not at all.
//
// # Quantities and units
//
// Times are in ms, rates in Hz. Units are given in ASCII as the rest of
// the project writes them ("uA/cm^2", "mS/cm^2") and printed as
// typeset ("µA/cm²"); an empty unit is a dimensionless quantity. The
// population rate of a population of N neurons in a bin of width Δt is
//
//	r_k = n_k / (N Δt)
//
// with n_k the spikes in [t_0 + k Δt, t_0 + (k+1) Δt), optionally
// smoothed by a Gaussian window of standard deviation σ cut at ±2σ, as
// Brian2's PopulationRateMonitor.smooth_rate does (see PopulationRate).
// The coefficient of variation of a neuron's inter-spike intervals is
// CV = SD/mean (population SD); the histograms report its mean over the
// neurons with at least two intervals (Brunel 2000, J. Comput. Neurosci.
// 8:183-208).
//
// # Large inputs
//
// Long traces are thinned for drawing to the first, lowest, highest and
// last point of each device pixel column, which draws the same pixels as
// all of them (M4: Jugel et al. 2014, Proc. VLDB Endow. 7:797-808). On
// bitmaps, a trace with two or more points per pixel column is painted
// column by column (paintTrace: the set of points within half the pen's
// width of the line, exact vertically, to 1/8 pixel horizontally; its
// ink within 3 % of a brute-force stroke's, tested, as the freetype
// rasteriser's), other lines are stroked in short pieces, and raster
// marks are painted straight into the image, because the freetype
// rasteriser behind gonum's PNG output slows down quadratically on long
// paths and costs far more than their pixels. A 120 000-point trace draws
// and encodes as a 300 dpi PNG in about 0.02 s on one core, a
// 180 000-spike raster in 0.04 s (BenchmarkTracePNG, BenchmarkRasterPNG).
//
// PNG files are drawn on gonum's image canvas as vgimg draws it, pixel
// for pixel (tested), but without its copy of the whole image and with
// its font faces kept (canvas.go), and encoded by a run-length deflate
// of Up-filtered rows (png.go) rather than image/png's five-filter search
// and string matching: encoding takes a fifth of the time, for files
// 30 to 80 % larger than image/png's.
package plots
