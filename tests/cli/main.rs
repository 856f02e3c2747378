//! orgctl's command-line tests: one binary, one module per command or
//! rule. Each test writes a small data folder from inline TOML, runs the
//! real binary on it and checks the answer.

mod support;

mod acme;
mod add;
mod alibaba;
mod alibaba_2023;
mod announced;
mod bad_input;
mod cache;
mod cases;
mod chain;
mod chairs;
mod charts;
mod check;
mod colour;
mod csv_lists;
mod data_source;
mod depth;
mod diff_stat;
mod docs;
mod dotted;
mod errors;
mod formats;
mod friction;
mod generated;
mod git;
mod golden;
mod handover;
mod history;
mod import_posts;
mod import_properties;
mod import_round_trip;
mod import_snapshots;
mod known_time;
mod layout;
mod log;
mod mermaid_grammar;
mod names;
mod people;
mod project;
mod properties;
mod readme_workflow;
mod review;
mod rules;
mod seats;
mod shell;
mod show;
mod spin_off;
mod stats;
mod succession;
mod successor;
mod toml_test;
mod why;
mod windows;
