package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"
)

// MaxFileBytes bounds each template, module and stylesheet: a larger file
// is an error, and is never read whole.
const MaxFileBytes = 4 << 20

// Files reads a workspace's text files within bounds. Its FS should be an
// os.Root's (see OpenRoot), so that nothing outside the workspace is read.
type Files struct {
	FS fs.FS
	// MaxFrontMatter bounds each file's front matter (see YAMLLimit); zero
	// means DefaultMaxFrontMatter.
	MaxFrontMatter int
}

// Glob returns the names matching pattern, sorted, as fs.Glob does, except
// that a folder on the way that exists but cannot be read (a symlink that
// leaves the workspace, say) is an error naming it, where fs.Glob would
// skip it without a word.
func (f Files) Glob(pattern string) ([]string, error) {
	dirs := []string{"."}
	parts := strings.Split(pattern, "/")
	for i, part := range parts {
		last := i == len(parts)-1
		var next []string
		for _, dir := range dirs {
			found, err := f.matchIn(dir, part, last)
			if err != nil {
				return nil, err
			}
			next = append(next, found...)
		}
		dirs = next
	}
	sort.Strings(dirs)
	return dirs, nil
}

// matchIn returns the entries of dir that match part: all of them on the
// pattern's last part, else only the folders.
func (f Files) matchIn(dir, part string, last bool) ([]string, error) {
	entries, err := fs.ReadDir(f.FS, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, ReadError(dir, 0, err)
	}
	var out []string
	for _, e := range entries {
		ok, err := path.Match(part, e.Name())
		if err != nil {
			return nil, fmt.Errorf("glob %q: %w", part, err)
		}
		if !ok {
			continue
		}
		name := path.Join(dir, e.Name())
		if !last {
			if isDir, err := f.isDir(name, e); err != nil || !isDir {
				if err != nil {
					return nil, err
				}
				continue
			}
		}
		out = append(out, name)
	}
	return out, nil
}

// isDir reports whether the entry is a folder, following a symlink.
func (f Files) isDir(name string, e fs.DirEntry) (bool, error) {
	if e.Type()&fs.ModeSymlink == 0 {
		return e.IsDir(), nil
	}
	fi, err := fs.Stat(f.FS, name)
	if err != nil {
		return false, ReadError(name, 0, err)
	}
	return fi.IsDir(), nil
}

// ReadText reads a text file: a regular file (a symlink that stays in the
// workspace is followed) of at most MaxFileBytes, in UTF-8 with no NUL
// byte. Every failure is an *Error naming the file.
func (f Files) ReadText(name string) ([]byte, error) {
	fi, err := fs.Stat(f.FS, name)
	if err != nil {
		return nil, ReadError(name, 1, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, Errorf(name, 1, 1, "not a regular file (%s): a workspace file must be one", fi.Mode().Type())
	}
	if fi.Size() > MaxFileBytes {
		return nil, Errorf(name, 1, 1, "the file is %d bytes, over the limit of %d", fi.Size(), MaxFileBytes)
	}
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, ReadError(name, 1, err)
	}
	defer file.Close()
	b, err := io.ReadAll(io.LimitReader(file, MaxFileBytes+1))
	if err != nil {
		return nil, ReadError(name, 1, err)
	}
	if len(b) > MaxFileBytes {
		return nil, Errorf(name, 1, 1, "the file is over the limit of %d bytes", MaxFileBytes)
	}
	return b, CheckText(name, b)
}

// ReadDoc reads a text file (see ReadText) and splits its front matter,
// which Decode then bounds by MaxFrontMatter.
func (f Files) ReadDoc(name string) (Doc, error) {
	b, err := f.ReadText(name)
	if err != nil {
		return Doc{}, err
	}
	d, err := Split(name, b)
	d.maxYAML = f.MaxFrontMatter
	return d, err
}

// CheckText returns an *Error at the first NUL byte or invalid UTF-8
// sequence of b, the signs of a binary file, or nil.
func CheckText(file string, b []byte) error {
	for off := 0; off < len(b); {
		r, size := utf8.DecodeRune(b[off:])
		var msg string
		switch {
		case r == 0:
			msg = "binary content: a NUL byte (workspace files are UTF-8 text)"
		case r == utf8.RuneError && size == 1:
			msg = "binary content: invalid UTF-8 (workspace files are UTF-8 text)"
		}
		if msg != "" {
			line, col := LineCol(string(b[:off]), off)
			return Errorf(file, line, col, "%s", msg)
		}
		off += size
	}
	return nil
}

// errEscapes is the message of os.Root for a path or symlink that leads
// out of the root.
const errEscapes = "path escapes from parent"

// ReadError describes a failure to read name as an *Error at line (0 for a
// folder), without repeating the path the underlying error names.
func ReadError(name string, line int, err error) *Error {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	if msg == errEscapes {
		msg = "leaves the workspace (a symlink to a place outside it?): tailor reads only files inside the workspace"
	} else {
		msg = "cannot be read: " + msg
	}
	col := 0
	if line > 0 {
		col = 1
	}
	return &Error{File: name, Line: line, Col: col, Msg: msg, Err: err}
}
