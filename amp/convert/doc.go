// Package convert turns email HTML into AMP for Email (AMP4EMAIL) markup,
// once, when a workspace is compiled.
//
// It works on masked documents (see inline.Mask): template actions
// stand as comments <!--tlr:N-->, attributes tlr-N="" or words tlrNx, and
// pass through untouched. Fragment converts a module's body: img becomes
// amp-img (it needs width and height), tags and attributes AMP4EMAIL does
// not allow are removed, style attributes keep only allowed declarations.
// Document does the same to a whole email and gives it the required AMP
// head. Stylesheet prepares CSS for <style amp-custom>. What cannot be
// converted without losing content is reported as a Problem, so the engine
// can leave the AMP part out for recipients who get that content.
package convert
