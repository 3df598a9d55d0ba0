package synapse

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// AvailableMemory returns the memory (bytes) the system can give a new
// program without swapping: MemAvailable of /proc/meminfo (Linux 3.14+).
// It returns an error where that cannot be read.
func AvailableMemory() (uint64, error) {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0, fmt.Errorf("synapse: available memory: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "MemAvailable:") {
			continue
		}
		fields := strings.Fields(line[len("MemAvailable:"):])
		if len(fields) < 1 {
			break
		}
		kb, err := strconv.ParseUint(fields[0], 10, 64)
		if err != nil {
			break
		}
		if len(fields) > 1 && fields[1] != "kB" {
			break
		}
		return kb * 1024, nil
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("synapse: available memory: %w", err)
	}
	return 0, fmt.Errorf("synapse: available memory: no MemAvailable line in /proc/meminfo")
}
