// Package modeltest builds synthetic XGBoost JSON models for tests and
// benchmarks of the model package and of rendering with models, so that
// a 300-tree model need not be committed.
package modeltest
