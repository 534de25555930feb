// Package sendtime picks each recipient's best send time: the hour of the
// day at which they have opened and clicked most, in their own time zone,
// from the history in their profile and any the caller adds (the audience
// store's open and click events). Planner.At turns it into the next such
// hour after the render's clock, as an instant; an ESP schedules the
// message for it (docs/sendtime.md).
package sendtime
