//! The reader: a log's text in, its entries out, in two levels (a line scan, then
//! pulldown-cmark per entry), with headings, labels, dates and ids read along the way.

pub mod dates;
pub mod entry;
pub mod heading;
pub mod label;
pub mod lookup;
pub mod outline;
pub mod parse;
