//! orgctl's command-line tests: one binary, one module per command or
//! rule. Each test writes a small data folder from inline TOML, runs the
//! real binary on it and checks the answer.

mod support;

mod acme;
mod alibaba;
mod bad_input;
mod chain;
mod check;
mod errors;
mod history;
mod log;
mod properties;
mod rules;
mod show;
mod toml_test;
mod why;
