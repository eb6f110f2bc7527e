//! One file per subcommand.

pub mod check;
pub mod export;
pub mod list;
