//! The `hub` binary; all behaviour lives in the library so tests reach it without a process.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    hub::run(hub::cli::Cli::parse())
}
