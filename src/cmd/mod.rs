//! One file per subcommand.

pub mod add;
pub mod amend;
pub mod check;
pub mod completions;
pub mod edit;
pub mod export;
pub mod help;
pub mod import;
pub mod init;
pub mod list;
pub mod man;
pub mod remind;
pub mod rm;
pub mod show;
pub mod stats;
pub mod tags;
pub mod undo;
