package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writeAtomic writes data to path through a temporary file in the same
// folder and a rename, so path is either absent or complete. The folder
// must exist.
func writeAtomic(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err := writeFile(tmp, data); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("renaming into place: %w", err)
	}
	return nil
}

// writeFile writes data to path straight, creating or truncating it, as
// os.WriteFile does (a new file is the owner's only, 0600: it holds a
// recipient's data), and removes it when that fails; only a run killed
// while it writes leaves a file cut short (see DoneJournal).
func writeFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// removeTemps deletes temporary files a killed run left behind.
func removeTemps(dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			os.RemoveAll(p)
			if d.IsDir() {
				return filepath.SkipDir
			}
		}
		return nil
	})
}
