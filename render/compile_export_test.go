package render

// InWholeDocument compiles every module in the whole email document, the
// way compileInSlot's result is held to.
func InWholeDocument() Option { return func(o *loadOptions) { o.wholeDocument = true } }
