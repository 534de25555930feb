package inline

import (
	"fmt"
	"testing"
)

// TestParseStyleAttr checks how a style attribute is split: masks and
// other segments verbatim, IE hacks kept, comments dropped (a space where
// two tokens would run together), ';' inside strings, url() and a custom
// property's block kept in the value.
func TestParseStyleAttr(t *testing.T) {
	got := fmt.Sprintf("%+v", parseStyleAttr(
		"COLOR: red /* c */; tlr1x; *zoom:1; #z: 2; a{b}; x: 1px/**/solid!important; --V: {a;b}; font: 'a;b' url(c;d); e:;"))
	want := "[{prop:color value:red important:false} {prop: value:tlr1x important:false} {prop:*zoom value:1 important:false}" +
		" {prop:#z value:2 important:false} {prop: value:a{b} important:false} {prop:x value:1px solid important:true}" +
		" {prop:--V value:{a;b} important:false} {prop:font value:'a;b' url(c;d) important:false}]"
	if got != want {
		t.Errorf("parseStyleAttr\n got %s\nwant %s", got, want)
	}
}
