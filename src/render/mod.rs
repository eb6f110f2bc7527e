//! Renderers: pure functions from entries and options to bytes on a writer.

pub mod check;
pub mod envelope;
pub mod html;
pub mod list;
pub mod markdown;
pub mod packet;
pub mod schema;
pub mod show;
pub mod stats;
pub mod table;
pub mod tags;
pub mod template;
pub mod text;
