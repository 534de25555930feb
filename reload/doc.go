// Package reload keeps a workspace's compiled Campaign current while its
// files change, for the preview server and the render API. It watches the
// folder with fsnotify, batches bursts of events (an editor's save is
// several), rebuilds, and publishes each build to subscribers. A build that
// fails is published too, with its error, but Current keeps returning the
// last good Campaign: requests never see a broken workspace, and requests
// in flight finish on the Campaign they started with.
package reload
