//! Problems in the data: their codes ([`codes`]), how they are located and
//! printed ([`diag`]), and the warnings of `check --strict` ([`lint`]).

pub mod codes;
pub mod diag;
pub mod lint;
