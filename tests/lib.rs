//! brag's integration tests: one binary, driving the real executable through `Brag`.

mod support;

mod add;
mod add_documents;
mod check;
mod cli;
mod documents;
mod everyday;
mod export;
mod filters;
mod git;
mod import;
mod packet;
mod properties;
mod reading;
mod readme;
mod regression;
mod reliability;
mod remind;
mod stats;
