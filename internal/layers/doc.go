// Package layers states the pipeline's stages and which package belongs to
// which, so that a test can hold the tree to them: a package imports only
// packages of its own stage or below, and the engine imports no server, no
// batch runner, no MIME and no output encoder.
//
// The stages, bottom up:
//
//	lib        internal helpers and the independent libraries: inline,
//	           text, amp, mime, smtp, templates, modules, segment,
//	           recipients, store (the audience store), model (tree models), and the example
//	           workspace as data
//	workspace  the workspace read from disk as plain data
//	engine     render: a workspace compiled into a campaign, and a
//	           recipient rendered into a message of plain parts
//	output     message (the encoders), check, golden, reload, unsubscribe
//	           (signed unsubscribe URLs of a campaign)
//	app        batch, serve, preview
//	cmd        the tailor command and the scripts
package layers
