//! One file per subcommand.

pub mod check;
pub mod export;
pub mod list;
pub mod show;
pub mod tags;
