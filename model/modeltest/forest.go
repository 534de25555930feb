package modeltest

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
)

// Forest returns the JSON of a binary:logistic XGBoost 1.7 model with the
// given number of complete trees of the given depth over features
// features named f0, f1, ..., random but fixed by seed.
func Forest(trees, depth, features int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	names := make([]string, features)
	for i := range names {
		names[i] = "f" + strconv.Itoa(i)
	}
	ts := make([]map[string]any, trees)
	info := make([]int, trees)
	for i := range ts {
		ts[i] = tree(rng, depth, features)
	}
	m := map[string]any{
		"version": []int{1, 7, 4},
		"learner": map[string]any{
			"feature_names": names,
			"feature_types": []string{},
			"gradient_booster": map[string]any{
				"name":  "gbtree",
				"model": map[string]any{"tree_info": info, "trees": ts},
			},
			"learner_model_param": map[string]string{
				"base_score": "5E-1", "num_class": "0",
				"num_feature": strconv.Itoa(features), "num_target": "1",
			},
			"objective": map[string]any{"name": "binary:logistic"},
		},
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // maps of plain values always marshal
	}
	return b
}

// tree is one complete tree in XGBoost's layout: node i's children are
// 2i+1 and 2i+2, leaves hold small values.
func tree(rng *rand.Rand, depth, features int) map[string]any {
	n := 1<<(depth+1) - 1
	left, right := make([]int, n), make([]int, n)
	index, def := make([]int, n), make([]int, n)
	cond := make([]float32, n)
	for i := range n {
		if i >= n/2 {
			left[i], right[i] = -1, -1
			cond[i] = float32(rng.NormFloat64() * 0.1)
			continue
		}
		left[i], right[i] = 2*i+1, 2*i+2
		index[i] = rng.IntN(features)
		cond[i] = float32(rng.NormFloat64())
		def[i] = rng.IntN(2)
	}
	return map[string]any{
		"left_children": left, "right_children": right,
		"split_indices": index, "split_conditions": cond,
		"default_left": def, "split_type": make([]int, n), "categories": []int{},
		"tree_param": map[string]string{"num_nodes": strconv.Itoa(n), "size_leaf_vector": "0"},
	}
}
