// Command tailor renders personalized email from a workspace.
//
// Run "tailor help" for the list of commands.
package main
