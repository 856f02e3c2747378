//! orgctl's command-line tests: one binary, one module per command or
//! rule. Each test writes a small data folder from inline TOML, runs the
//! real binary on it and checks the answer.

mod support;

mod acme;
mod alibaba;
mod announced;
mod bad_input;
mod cache;
mod cases;
mod chain;
mod check;
mod colour;
mod csv_lists;
mod depth;
mod diff_stat;
mod docs;
mod errors;
mod formats;
mod generated;
mod golden;
mod history;
mod known_time;
mod layout;
mod log;
mod mermaid_grammar;
mod names;
mod properties;
mod rules;
mod shell;
mod show;
mod succession;
mod toml_test;
mod why;
mod windows;
