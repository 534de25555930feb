package model

import (
	"errors"
	"fmt"
	"strconv"
)

// node is one tree node in the flat array every tree of a model shares,
// in depth-first order: a split's yes child comes right after it. A split
// sends a value v to yes when v < cond, to no otherwise, and a missing
// value to yes when missYes; a leaf (feat < 0) adds cond to its output.
type node struct {
	cond    float32
	feat    int32
	no      int32
	missYes bool
}

var (
	errCycle    = errors.New("node reached twice (not a tree)")
	errChild    = errors.New("child out of range")
	errFeature  = errors.New("split feature out of range")
	errLengths  = errors.New("arrays of different lengths")
	errTreeInfo = errors.New("tree_info does not match the trees")
)

// flatten appends the nodes reachable from tree t's root to nodes in
// depth-first order (a split's yes child right after it), checking that
// they form a tree over nFeat features, and returns the nodes and the
// root's index.
func flatten(t *xgbTree, nFeat int, nodes []node) ([]node, int32, error) {
	n, err := t.check()
	if err != nil {
		return nil, 0, err
	}
	order, err := t.preorder(n, nFeat)
	if err != nil {
		return nil, 0, err
	}
	root := int32(len(nodes))
	at := make(map[int]int32, len(order))
	for i, old := range order {
		at[old] = root + int32(i)
	}
	for _, old := range order {
		nd := node{cond: t.SplitCond[old], feat: -1}
		if l := t.Left[old]; l != -1 {
			nd.feat = int32(t.SplitIndex[old])
			nd.no = at[t.Right[old]]
			nd.missYes = t.DefaultLeft[old]
		}
		nodes = append(nodes, nd)
	}
	return nodes, root, nil
}

// check validates what does not depend on the nodes' links and returns
// the number of nodes.
func (t *xgbTree) check() (int, error) {
	n, err := strconv.Atoi(t.Param.NumNodes)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("num_nodes %q: %w", t.Param.NumNodes, errNotCount)
	}
	if v, err := intParam("size_leaf_vector", t.Param.SizeLeafVector, 0); err != nil || v > 1 {
		return 0, fmt.Errorf("%w: vector leaves (size_leaf_vector %q)", ErrUnsupported, t.Param.SizeLeafVector)
	}
	if len(t.Categories) > 0 {
		return 0, fmt.Errorf("%w: categorical splits", ErrUnsupported)
	}
	if len(t.Left) != n || len(t.Right) != n || len(t.SplitIndex) != n ||
		len(t.SplitCond) != n || len(t.DefaultLeft) != n || (t.SplitType != nil && len(t.SplitType) != n) {
		return 0, fmt.Errorf("num_nodes %d: %w", n, errLengths)
	}
	return n, nil
}

// preorder walks the nodes reachable from node 0, yes child first,
// checking each split's feature and children; nodes nothing reaches
// (XGBoost's deleted nodes) are left out.
func (t *xgbTree) preorder(n, nFeat int) ([]int, error) {
	seen := make([]bool, n)
	order := make([]int, 0, n)
	stack := []int{0}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[i] {
			return nil, fmt.Errorf("node %d: %w", i, errCycle)
		}
		seen[i] = true
		order = append(order, i)
		l, r := t.Left[i], t.Right[i]
		if l == -1 {
			continue
		}
		if t.SplitType != nil && t.SplitType[i] != 0 {
			return nil, fmt.Errorf("node %d: %w: categorical split", i, ErrUnsupported)
		}
		if l < 0 || l >= n || r < 0 || r >= n {
			return nil, fmt.Errorf("node %d: %w", i, errChild)
		}
		if f := t.SplitIndex[i]; f < 0 || f >= int64(nFeat) {
			return nil, fmt.Errorf("node %d: feature %d of %d: %w", i, f, nFeat, errFeature)
		}
		stack = append(stack, r, l)
	}
	return order, nil
}
