package shop

import (
	"embed"
	"io/fs"
)

//go:embed tailor.yaml segments.yaml schema.yaml templates modules styles testdata assets models/churn.json models/nba.json
var files embed.FS

// FS returns the workspace's files.
func FS() fs.FS { return files }
