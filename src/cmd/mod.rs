//! One file per subcommand.

pub mod add;
pub mod check;
pub mod edit;
pub mod export;
pub mod init;
pub mod list;
pub mod remind;
pub mod show;
pub mod stats;
pub mod tags;
