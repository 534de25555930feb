// Package httpserve is the one HTTP server setup of tailor's servers,
// preview and serve. Its job is what every listening server needs and
// neither server's routes care about:
//
//   - CheckAddr: a server listens on loopback unless the caller says
//     explicitly that it may listen beyond (because every request must
//     carry a token);
//   - LoopbackOnly: a server without a token answers only to Host names of
//     this machine, so that a web page cannot reach it through DNS
//     rebinding (a hostile name resolved to 127.0.0.1);
//   - Listen: an http.Server with bounded header, read, write and idle
//     times and a bounded header size;
//   - Server.Serve: serving until SIGINT, SIGTERM or the end of a context,
//     then a graceful shutdown that lets requests in flight finish.
package httpserve
