// Package text turns an HTML email into its plain-text part, and wraps that
// text for a recipient.
//
// FromHTML runs once per template, at compile time. It walks the parsed
// document and writes:
//
//   - h1 framed by lines of "*" above and below, h2 framed by lines of "-",
//     h3 to h6 underlined with "-" (the style of premailer-ruby);
//   - list items as "* item" ("1. item" in an <ol>), nested lists indented
//     under their parent item;
//   - links as "text (url)"; just the text when it is the url already; "alt
//     (url)" for an image link, or the url alone when the image has no alt;
//     mailto: links show the address; links to "#..." or "javascript:" show
//     only their text; a link holding only images is left out when the
//     next link in its table (or document) points to the same place and
//     has text (a product card's picture and title: the product once);
//   - images as their alt text;
//   - paragraphs separated by one blank line, <br> as a line break,
//     whitespace collapsed as a browser does (a non-breaking space counts as
//     a space, zero-width characters and soft hyphens are dropped), entities
//     decoded;
//   - layout tables (email scaffolding) flattened: every row and every cell
//     starts a new line, and a table is a block of its own. A data table is
//     written one row a line with its cells joined by " | ". A table is a
//     data table when it is not role="presentation" or role="none", every
//     cell holds only inline content (no block, no <br>, no nested table),
//     and it has a <th>, <thead> or <caption>, or at least two rows of at
//     least two cells each. In a layout table, a row of two cells that
//     hold only text (no link, no image: an item and its price) is written
//     on one line, its cells joined by " - ".
//
// Nothing is written for <head>, <style>, <script>, <noscript>, <template>,
// <svg>, hidden elements (the hidden attribute, or display:none,
// visibility:hidden, or max-height:0 with overflow:hidden in the style
// attribute, as preview-text divs use), comments (Outlook conditional
// comments included; the <!--[if !mso]><!--> ... <!--<![endif]--> pattern
// exposes real HTML, which is converted), and whatever lies between the
// comments <!-- start text/html --> and <!-- end text/html --> (premailer's
// convention for HTML-only content).
//
// One kind of comment is kept: a mask comment of the template engine (data
// starting with "tlr:") is written verbatim, "<!--tlr:12-->", in its place,
// on the line of its neighbouring text. A mask between two blocks is taken
// for a control action: it is written at the start of the next line (before
// a list item's bullet), or at the end of the block it closes, so that a
// masked {{range}} ... {{end}} around rows or items repeats whole lines and
// an {{if}} ... {{end}} keeps or drops whole lines. Options.OwnLine tells
// value actions (a slot) apart: they get a line of their own. Tokens such
// as "tlr7x" in text and attributes (hrefs) come through unchanged.
//
// The output has no trailing spaces, no leading or trailing blank lines and
// never two blank lines in a row. It is not wrapped: Wrap does that, per
// recipient, after the template has run (at Width, 78 columns, for a
// message), and also resizes heading rules to the text the template put
// in the heading (FromHTML can only measure the masked heading). A link's
// url that does not fit on a line goes bare on a line of its own; with
// LinksReferences, WrapPart numbers long urls and lists them at the end.
package text
