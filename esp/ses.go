package esp

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/tailor-email/tailor/store"
)

// snsEnvelope is an Amazon SNS HTTP(S) message.
type snsEnvelope struct {
	Type         string
	Message      string
	SubscribeURL string
	TopicArn     string
}

// sesNotification is what SES publishes, as identity notifications
// (notificationType) or through a configuration set (eventType).
type sesNotification struct {
	NotificationType string `json:"notificationType"`
	EventType        string `json:"eventType"`
	Mail             struct {
		MessageID string `json:"messageId"`
		Headers   []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"headers"`
		CommonHeaders struct {
			MessageID string `json:"messageId"`
		} `json:"commonHeaders"`
		Destination []string `json:"destination"`
	} `json:"mail"`
	Bounce *struct {
		BounceType string `json:"bounceType"`
		Timestamp  string `json:"timestamp"`
	} `json:"bounce"`
	Complaint *struct {
		Timestamp string `json:"timestamp"`
	} `json:"complaint"`
	Delivery *struct {
		Timestamp string `json:"timestamp"`
	} `json:"delivery"`
	Open  *sesEngagement `json:"open"`
	Click *sesEngagement `json:"click"`
	// Subscription is SES subscription management's unsubscribe.
	Subscription *struct {
		Timestamp string `json:"timestamp"`
	} `json:"subscription"`
}

type sesEngagement struct {
	Timestamp string `json:"timestamp"`
	UserAgent string `json:"userAgent"`
	IPAddress string `json:"ipAddress"`
	Link      string `json:"link"`
}

// parseSNS reads an SNS message carrying an SES notification, or, with
// no SNS envelope, the notification itself (raw message delivery). A
// SubscriptionConfirmation gives its SubscribeURL and no events: SNS
// signatures are not checked here (see docs/measure.md), so the route
// needs the API's credentials.
func parseSNS(body []byte) (Batch, error) {
	var env snsEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		return Batch{}, fmt.Errorf("not an SNS message: %w", err)
	}
	switch env.Type {
	case "SubscriptionConfirmation":
		if !strings.HasPrefix(env.SubscribeURL, "https://") {
			return Batch{}, fmt.Errorf("SubscriptionConfirmation without an https SubscribeURL")
		}
		return Batch{SubscribeURL: env.SubscribeURL}, nil
	case "UnsubscribeConfirmation":
		return Batch{Ignored: 1}, nil
	case "Notification":
		body = []byte(env.Message)
	case "":
	default:
		return Batch{}, fmt.Errorf("SNS message type %q", env.Type)
	}
	var b Batch
	return b, b.addSES(body)
}

// addSES adds one SES notification.
func (b *Batch) addSES(body []byte) error {
	var n sesNotification
	if err := json.Unmarshal(body, &n); err != nil {
		return fmt.Errorf("not an SES notification: %w", err)
	}
	kind := n.EventType
	if kind == "" {
		kind = n.NotificationType
	}
	if kind == "" {
		return errors.New("an SES notification without eventType or notificationType")
	}
	ids := []string{n.Mail.CommonHeaders.MessageID, n.Mail.MessageID}
	for _, h := range n.Mail.Headers {
		if strings.EqualFold(h.Name, HeaderName) {
			ids = append([]string{h.Value}, ids...)
		}
	}
	email := ""
	if len(n.Mail.Destination) > 0 {
		email = n.Mail.Destination[0]
	}
	out, stamp, permanent := store.OutcomeKind(""), "", false
	var eng *sesEngagement
	switch {
	case kind == "Delivery" && n.Delivery != nil:
		out, stamp = store.Delivered, n.Delivery.Timestamp
	case kind == "Bounce" && n.Bounce != nil && n.Bounce.BounceType != "Transient":
		out, stamp, permanent = store.Bounced, n.Bounce.Timestamp, n.Bounce.BounceType == "Permanent"
	case kind == "Complaint" && n.Complaint != nil:
		out, stamp = store.Complained, n.Complaint.Timestamp
	case kind == "Open" && n.Open != nil:
		out, eng = store.Opened, n.Open
	case kind == "Click" && n.Click != nil:
		out, eng = store.Clicked, n.Click
	case kind == "Subscription" && n.Subscription != nil:
		out, stamp = store.Unsubscribe, n.Subscription.Timestamp
	default:
		b.Ignored++
		return nil
	}
	if eng != nil {
		stamp = eng.Timestamp
	}
	at, err := parseTime(stamp)
	if err != nil {
		return fmt.Errorf("SES %s: %w", kind, err)
	}
	if e := b.add(out, kind, at, ids...); e != nil {
		e.Email, e.Permanent = email, permanent
		if eng != nil {
			e.URL, e.UserAgent, e.IP = eng.Link, eng.UserAgent, eng.IPAddress
		}
	}
	return nil
}
