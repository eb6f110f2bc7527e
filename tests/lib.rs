//! brag's integration tests: one binary, driving the real executable through `Brag`.

mod support;

mod cli;
mod export;
mod filters;
mod properties;
mod reading;
