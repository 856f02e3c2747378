//! Writing the replayed history out in other formats, for other tools:
//! `popolo.rs`, a Popolo JSON document (`orgctl export popolo`).

pub mod popolo;
