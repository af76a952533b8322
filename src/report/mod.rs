//! Output formats: one file per format.

pub mod full;
