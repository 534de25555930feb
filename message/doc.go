// Package message is the stage after the engine: it turns a rendered
// message (render.Message, plain parts) into the outputs tailor writes,
// and owns what they share.
//
//   - JSON is the one JSON shape of a message: a line of tailor render's
//     JSONL (DESIGN's fields), the .json of the files layout (the same
//     without the parts), and the render API's message (with scores, tiers
//     and the unsubscribe URL as well). AppendJSONL encodes it byte for
//     byte as encoding/json does, without reflection: a batch's hot path.
//     It takes the HTML part already in JSON form when the engine made it
//     while rendering (render.Request.HTMLJSON, JSON.HTMLJSON): measured,
//     escaping the finished part instead cost a batch a quarter more
//     instructions per recipient.
//   - MIME and AppendEML package a message as an .eml through package mime.
//   - ID is the one Message-ID scheme: every .eml tailor writes or sends
//     carries it.
//   - Files and FileName are the files layout: <email>/<id>.html, .txt,
//     .amp.html, and the .json written last.
//
// Batch render, the render API (serve) and preview all encode through it;
// the engine knows none of these formats.
package message
