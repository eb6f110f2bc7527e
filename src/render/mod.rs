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

/// `1 entry`, `3 entries`: every count brag prints with its noun.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
