// Package workspace reads a workspace: tailor.yaml, segments.yaml, the
// templates, the modules, the styles and the fixtures, as plain data. Its
// one job is to read them safely and say exactly where they are wrong:
// through an os.Root (Open), within the bounds every file and every YAML
// document has, with strict YAML, and with every problem at file:line:col.
//
// The sections of tailor.yaml that belong to one consumer (sources:, smtp:,
// events:) are kept as Sections, which that consumer decodes into its own
// type; so the engine, which compiles a Workspace (render.Compile), never
// imports a server, a mail transport or a data source.
package workspace
