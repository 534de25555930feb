package recipients

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// FileName turns a recipient ID into a file name that cannot leave its
// folder: letters, digits and ._@+- are kept, anything else becomes "_",
// and when that changed the ID a short hash keeps names distinct.
func FileName(id string) string {
	var b strings.Builder
	changed := id == "" || id == "." || id == ".."
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("._@+-", r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
			changed = true
		}
	}
	name := b.String()
	if len(name) > 100 {
		name, changed = name[:100], true
	}
	if strings.HasPrefix(name, ".") {
		name, changed = "_"+name[1:], true
	}
	if changed {
		sum := sha256.Sum256([]byte(id))
		name += "-" + hex.EncodeToString(sum[:4])
	}
	return name
}
