//! orgctl's command-line tests: one binary, one module per command or
//! rule. Each test writes a small data folder from inline TOML, runs the
//! real binary on it and checks the answer.

mod support;

mod alibaba;
mod bad_input;
mod cache;
mod check;
mod errors;
mod generated;
mod properties;
mod rules;
mod toml_test;
