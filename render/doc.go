// Package render is tailor's engine. Compile compiles a workspace, as
// package workspace read it, once into a Campaign (Load does both):
// templates and modules are compiled, and CSS is inlined into the compiled
// templates themselves. Campaign.Render then does only the work that
// depends on the recipient: it evaluates their segments and scores,
// assigns experiment variants, picks a module for every slot and executes
// the compiled templates into a Message (subject, preheader, HTML, plain
// text).
//
// Preview, batch render, golden tests and the render API all call Render,
// so the email that looks right in preview is the email that gets sent.
package render
