//! Renderers: pure functions from entries and options to bytes on a writer.

pub mod schema;
pub mod table;
