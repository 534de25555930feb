package render

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/modules"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/workspace"
)

// slotConfig is one slot of tailor.yaml's slots section.
//
//	slots:
//	  offer:
//	    select: {model: nba, explore: 0.1, actions: {offer/percent-off: discount}}
type slotConfig struct {
	Select *selectConfig `yaml:"select"`
}

// selectConfig has a model choose the slot's module.
type selectConfig struct {
	// Model names an output: actions model of segments.yaml.
	Model string `yaml:"model"`
	// Explore is the share of recipients (0 to 1) who get an eligible
	// module at random instead of the best, so that the next model has
	// data about every action.
	Explore float64 `yaml:"explore"`
	// Actions maps a module ID to the model's action it stands for; a
	// module not named stands for the action of its own name (offer/discount
	// for discount).
	Actions map[string]string `yaml:"actions"`
}

// slotSelect is a slot whose module a model chooses.
type slotSelect struct {
	slot    string
	model   string
	explore float64
	action  map[*modules.Module]string // the slot's modules the model has an action for
}

// setupSelects reads tailor.yaml's slots section against the modules and
// segments.yaml's models; errors are at their place in tailor.yaml.
func (c *Campaign) setupSelects() error {
	cfg, err := workspace.DecodeSection[map[string]slotConfig](c.Config.Slots)
	if err != nil || cfg == nil {
		return err
	}
	names := make([]string, 0, len(*cfg))
	for slot := range *cfg {
		names = append(names, slot)
	}
	slices.Sort(names)
	for _, slot := range names {
		sc := (*cfg)[slot]
		if sc.Select == nil {
			continue
		}
		sel, path, err := c.newSelect(slot, *sc.Select)
		if err != nil {
			at := c.Config.ErrorAt("$.slots."+slot+path, "slots: %s: %s", slot, err)
			if se, ok := at.(*source.Error); ok {
				se.Err = err
			}
			return at
		}
		if c.selects == nil {
			c.selects = map[string]*slotSelect{}
		}
		c.selects[slot] = sel
	}
	return nil
}

// newSelect checks a slot's select; an error comes with the YAML path of
// its place below the slot.
func (c *Campaign) newSelect(slot string, cfg selectConfig) (*slotSelect, string, error) {
	mods := c.Library.Modules(slot)
	if len(mods) == 0 {
		return nil, "", fmt.Errorf("no such slot (have %s)", strings.Join(c.Library.Slots(), ", "))
	}
	m := c.Rules.Model(cfg.Model)
	switch {
	case m == nil:
		return nil, ".select.model", fmt.Errorf("select: model %q: segments.yaml has no such model", cfg.Model)
	case m.Output != segment.OutputActions:
		return nil, ".select.model", fmt.Errorf("select: model %s: its output is %s; choosing a module needs output: actions", cfg.Model, m.Output)
	case math.IsNaN(cfg.Explore) || cfg.Explore < 0 || cfg.Explore > 1:
		return nil, ".select.explore", fmt.Errorf("select: explore %v: want a share from 0 to 1", cfg.Explore)
	}
	sel := &slotSelect{slot: slot, model: cfg.Model, explore: cfg.Explore, action: map[*modules.Module]string{}}
	for id, action := range cfg.Actions {
		i := slices.IndexFunc(mods, func(m *modules.Module) bool { return m.ID == id })
		if i < 0 {
			return nil, ".select.actions", fmt.Errorf("select: actions: %s is no module of the slot", id)
		}
		if !slices.Contains(m.Actions, action) {
			return nil, ".select.actions", fmt.Errorf("select: actions: %s: model %s has no action %q (have %s)", id, cfg.Model, action, strings.Join(m.Actions, ", "))
		}
		sel.action[mods[i]] = action
	}
	for _, mod := range mods {
		if _, ok := sel.action[mod]; !ok && slices.Contains(m.Actions, mod.ID[len(slot)+1:]) {
			sel.action[mod] = mod.ID[len(slot)+1:]
		}
	}
	if len(sel.action) == 0 {
		return nil, ".select", fmt.Errorf("select: model %s has an action for none of the slot's modules (its actions: %s; map modules to them with actions:)", cfg.Model, strings.Join(m.Actions, ", "))
	}
	return sel, "", nil
}

// Choice is how a model chose a slot's module for one recipient.
type Choice struct {
	Model string
	// Scored are the eligible modules the model has an action for, in
	// selection order, with its prediction for each.
	Scored []Scored
	// Best is the index in Scored of the highest prediction (the first of
	// equals), Picked that of the module chosen.
	Best, Picked int
	// Explore is the slot's exploration share; Explored says the
	// recipient fell in it (Point < Explore) and got Scored[Picked] at
	// random, each of Scored alike.
	Explore  float64
	Explored bool
	Point    float64 // the recipient's hash point in [0, 1)
	// Propensity is the probability with which the module was chosen:
	// Explore/len(Scored), plus 1-Explore for the best.
	Propensity float64
	// NoChoice, when set, says why the model did not choose (no
	// prediction, no eligible module it scores): the slot chose as it
	// does without a model, and Scored is empty.
	NoChoice string
}

// Scored is one eligible module and the model's prediction for its action.
type Scored struct {
	Module *modules.Module
	Action string
	Value  float64
}

// String says why the module was chosen, for --explain.
func (ch *Choice) String() string {
	if ch.NoChoice != "" {
		return fmt.Sprintf("model %s did not choose (%s): chosen as without a model", ch.Model, ch.NoChoice)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "model %s predicts", ch.Model)
	for i, s := range ch.Scored {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(&b, "%s %s %.4f (%s)", sep, s.Action, s.Value, s.Module.ID)
	}
	best := ch.Scored[ch.Best]
	if ch.Explored {
		fmt.Fprintf(&b, "; explored (hash %.4f < explore %g): %s at random among %d, propensity %.4f",
			ch.Point, ch.Explore, ch.Scored[ch.Picked].Module.ID, len(ch.Scored), ch.Propensity)
		return b.String()
	}
	fmt.Fprintf(&b, "; highest: %s (%s), propensity %.4f", best.Action, best.Module.ID, ch.Propensity)
	if ch.Explore > 0 {
		fmt.Fprintf(&b, " (hash %.4f >= explore %g)", ch.Point, ch.Explore)
	}
	return b.String()
}

// choose has the model choose among the slot's eligible modules for the
// recipient id of the campaign (tailor.yaml's name).
func (s *slotSelect) choose(lib *modules.Library, env segment.Env, campaign, id string) (*modules.Module, *Choice, error) {
	var buf [8]*modules.Module
	eligible, err := lib.Eligible(s.slot, env, buf[:0])
	if err != nil {
		return nil, nil, err
	}
	ch := &Choice{Model: s.model, Explore: s.explore}
	preds, _ := env.Membership.Predictions[s.model].(map[string]float64)
	for _, m := range eligible {
		if a, ok := s.action[m]; ok {
			if v, ok := preds[a]; ok && !math.IsNaN(v) {
				ch.Scored = append(ch.Scored, Scored{Module: m, Action: a, Value: v})
			}
		}
	}
	if len(ch.Scored) == 0 {
		ch.NoChoice = "no eligible module it scores"
		if preds == nil {
			ch.NoChoice = "no prediction for the recipient"
		}
		return usual(eligible), ch, nil
	}
	for i, sc := range ch.Scored {
		if sc.Value > ch.Scored[ch.Best].Value {
			ch.Best = i
		}
	}
	ch.Point = explorePoint(campaign, s.slot, id)
	ch.Picked = ch.Best
	if ch.Explored = ch.Point < s.explore; ch.Explored {
		ch.Picked = min(int(ch.Point/s.explore*float64(len(ch.Scored))), len(ch.Scored)-1)
	}
	ch.Propensity = s.explore / float64(len(ch.Scored))
	if ch.Picked == ch.Best {
		ch.Propensity += 1 - s.explore
	}
	return ch.Scored[ch.Picked].Module, ch, nil
}

// usual is the module Select gives among eligible ones: the first that is
// not a fallback, else the first; nil for none.
func usual(eligible []*modules.Module) *modules.Module {
	for _, m := range eligible {
		if !m.Fallback() {
			return m
		}
	}
	if len(eligible) > 0 {
		return eligible[0]
	}
	return nil
}

// explorePoint hashes (campaign, slot, recipient) to [0, 1) as
// experiments hash theirs: the first 8 bytes of SHA-256 of the three
// joined by NUL, big-endian, top 53 bits.
func explorePoint(campaign, slot, id string) float64 {
	var buf [128]byte
	msg := append(append(append(append(append(buf[:0], campaign...), 0), slot...), 0), id...)
	sum := sha256.Sum256(msg)
	return float64(binary.BigEndian.Uint64(sum[:8])>>11) / (1 << 53)
}

// pick is the module of a slot for a recipient: the model's choice for a
// slot with select:, else Select's; the choice is nil for the latter.
func (c *Campaign) pick(slot string, env segment.Env, id string) (*modules.Module, *Choice, error) {
	if sel := c.selects[slot]; sel != nil {
		return sel.choose(c.Library, env, c.Config.Name, id)
	}
	m, err := c.Library.Select(slot, env)
	return m, nil, err
}

// Choices says, for each slot of an email whose module a model chooses,
// how it chose for the recipient (see Choice).
func (c *Campaign) Choices(email string, p segment.Profile, now time.Time) (map[string]*Choice, error) {
	e, env, err := c.decision(email, p, now)
	if err != nil {
		return nil, err
	}
	out := map[string]*Choice{}
	for _, slot := range e.slots {
		if c.selects[slot] == nil {
			continue
		}
		if _, out[slot], err = c.pick(slot, env, c.RecipientID(p)); err != nil {
			return nil, err
		}
	}
	return out, nil
}
