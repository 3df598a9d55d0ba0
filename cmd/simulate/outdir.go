package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// staging collects a run's output files in a hidden folder beside the
// output folder, then moves each into place by rename, so every file
// appears whole or not at all, and a run that writes nothing (refused, or
// failed before its outputs were made) leaves the folder as it was.
type staging struct {
	out, tmp string
	mu       sync.Mutex // guards files: outputs are written concurrently
	files    []string
}

func newStaging(out string) (*staging, error) {
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	return &staging{out: out, tmp: tmp}, nil
}

// path returns where to write the file called name before commit.
func (s *staging) path(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files = append(s.files, name)
	return filepath.Join(s.tmp, name)
}

// commit moves every staged file into the output folder, creating it,
// then removes the files an earlier run listed in its summary.json that
// this run did not write (a plot it no longer makes), so the folder never
// mixes two runs. Files the runs did not write are left alone.
func (s *staging) commit() error {
	defer os.RemoveAll(s.tmp)
	if err := os.MkdirAll(s.out, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	stale := previousFiles(s.out)
	for _, name := range s.files {
		if _, err := os.Stat(filepath.Join(s.tmp, name)); os.IsNotExist(err) {
			continue // a writer that chose not to write (e.g. no traces recorded)
		}
		if err := os.Rename(filepath.Join(s.tmp, name), filepath.Join(s.out, name)); err != nil {
			return fmt.Errorf("output folder: %w", err)
		}
	}
	for _, name := range stale {
		if !slices.Contains(s.files, name) && filepath.Base(name) == name {
			os.Remove(filepath.Join(s.out, name))
		}
	}
	return nil
}

// previousFiles returns the files listed in dir/summary.json, if any.
func previousFiles(dir string) []string {
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		return nil
	}
	var prev struct {
		Files []string `json:"files"`
	}
	if json.Unmarshal(data, &prev) != nil {
		return nil
	}
	return prev.Files
}

// discard removes the staged files.
func (s *staging) discard() { os.RemoveAll(s.tmp) }
