//! brag's integration tests: one binary, driving the real executable through `Brag`.

mod support;

mod add;
mod cli;
mod export;
mod filters;
mod properties;
mod reading;
mod reliability;
