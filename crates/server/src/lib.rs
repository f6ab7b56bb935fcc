//! `hub`: the native side of the event hub. `hub serve` serves the built app, its event files
//! and the sign-up API; `hub check` validates event files with the same model the app uses;
//! `hub backup` copies the sign-up database; `hub export` writes the schedule conference apps load
//! and `hub import` reads one. Everything lives here rather than in `main.rs` so
//! tests can drive it without a process.
//!
//! `api/` is the sign-up API's HTTP side, `store/` the storage behind it; the rest is one module
//! per command or per kind of page.

pub mod api;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod export;
pub mod import;
pub mod reader_language;
pub mod schedule;
pub mod schema;
pub mod serve;
pub mod served_event;
pub mod shell;
pub mod store;
pub mod structured_data;

use std::io::IsTerminal;
use std::process::ExitCode;

use cli::{Cli, Command};

/// Runs a parsed command line; the exit code is the command's verdict.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check::run(&args.files, args.strict),
        Command::Schema(args) => schema::run(args.which()),
        Command::Export(args) => export::run(
            &args.file,
            args.output.as_ref(),
            args.format,
            args.lang,
            args.page.as_deref(),
        ),
        Command::Import(args) => {
            import::run(&args.file, args.output.as_ref(), args.time_zone.as_deref())
        }
        Command::Backup(args) => match store::sqlite::backup(&args.data, &args.file) {
            Ok(count) => {
                println!("backed up {count} sign-ups to {}", args.file.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("hub backup: {error}");
                ExitCode::FAILURE
            }
        },
        Command::Serve(args) => {
            init_logging();
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(error) => {
                    tracing::error!("cannot start the async runtime: {error}");
                    return ExitCode::FAILURE;
                }
            };
            match runtime.block_on(serve::run(args.into())) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    tracing::error!("{error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Logs go to stderr (stdout stays free for command output), `info` unless `RUST_LOG` says
/// otherwise, and without colour codes when stderr is a file or a journal.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}
