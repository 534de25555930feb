package fast

import "text/template/parse"

func treeOf(v interface{}) *parse.Tree { return v.(*parse.Tree) }
