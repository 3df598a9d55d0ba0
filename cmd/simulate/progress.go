package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows a bar of simulated time on stderr when stderr is a
// terminal and the run has lasted more than a second.
type progress struct {
	w        io.Writer
	duration float64 // ms
	enabled  bool
	start    time.Time
	bar      *progressbar.ProgressBar
}

func newProgress(w io.Writer, durationMs float64, quiet bool) *progress {
	p := &progress{w: w, duration: durationMs, start: time.Now()}
	if f, ok := w.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		p.enabled = true
	}
	return p
}

// update is called by the network with the simulated time reached (ms).
func (p *progress) update(tMs float64) {
	if !p.enabled {
		return
	}
	if p.bar == nil {
		if time.Since(p.start) < time.Second {
			return
		}
		p.bar = progressbar.NewOptions64(int64(p.duration+0.5),
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription("simulating"),
			progressbar.OptionSetItsString("ms"),
			progressbar.OptionShowIts(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Set64(int64(tMs))
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
