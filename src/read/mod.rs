//! The reader: a log's text in, its entries out, behind one face ([`Reader`]). Inside,
//! in two levels: a line scan ([`outline`]) finds the structure and each entry's block
//! ([`parse`] walks it, [`heading`] names periods), then pulldown-cmark reads one
//! entry's block ([`entry`], with [`label`] and [`dates`]; a table row with [`table`])
//! only when a command needs it.

pub mod dates;
pub mod entry;
pub mod heading;
pub mod label;
mod lookup;
pub mod outline;
pub mod parse;
mod reader;
pub mod table;

pub use reader::{Detached, Glance, Head, Reader, Summary};
