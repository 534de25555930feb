// Package css reads CSS for the packages that need to look inside it (the
// inliner, the AMP converter and validator, the HTML checker and the text
// converter): tokens with their offsets, a stylesheet split into rules and
// at-rules, a block or style attribute split into declarations, and line
// and column places in runes. Comments, strings and escapes are handled
// here once.
//
// Tokenizing is done by github.com/tdewolff/parse/v2/css, chosen over
// github.com/gorilla/css for three reasons:
//
//   - correctness: it follows CSS Syntax Module Level 3 (bad strings end at
//     a newline and tokenizing goes on, bad URLs, CDO and CDC, escapes in
//     identifiers, unicode ranges), where gorilla/css implements the 2003
//     draft with regular expressions and gives up on the rest of the input
//     at the first unclosed string or comment;
//   - maintenance: it is the tokenizer of tdewolff/minify, with fuzz
//     targets of its own, and had eight releases between July and November
//     2026, where gorilla/css has had two (2017 and 2023);
//   - speed: on the stylesheet of the inliner's benchmark email it reads
//     about 100 MB/s where gorilla/css reads about 2 MB/s (its regular
//     expressions are compiled into package globals at init).
//
// Tokenize corrects the few places where that lexer departs from the
// specification and a caller would see it (see Tokenize). Parsing is this
// package's: Rules and Decls follow "consume a list of rules" and "consume
// a block's contents" of CSS Syntax 3, with the departures their
// documentation gives.
package css
