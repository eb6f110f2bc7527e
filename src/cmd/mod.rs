//! One file per subcommand.

pub mod add;
pub mod check;
pub mod edit;
pub mod init;
pub mod list;
