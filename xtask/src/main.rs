//! `cargo xtask <command>`: one command per job — install the pinned tools, build, serve, test,
//! benchmark — so the README's quick start and CI run exactly the same steps. Every external
//! command is printed as `==> …` before it runs (see `run.rs`).

mod bench;
mod bench_api;
mod bench_load;
mod bench_zones;
mod budget;
mod build;
mod minify;
mod offline;
mod precompress;
mod run;
mod serve;
mod test;
mod tools;

use std::env;
use std::ffi::OsString;
use std::process::ExitCode;

use run::{Error, Workspace};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  tools    install the pinned tools (wasm target, trunk, wasm-bindgen-cli, wasm-opt, chromium);
           each is skipped when already present in the right version
  build    tools, then `trunk build --release` into dist/
  serve    build the app and the hub, then run `hub serve` on http://127.0.0.1:8080/
           (options after `--` go to `hub serve`; HUB_ADDR, HUB_SITE, HUB_DATA are honoured)
  test     format, clippy, native, browser and end-to-end tests; stops at the first failure and
           ends with `N passed, M failed`
  bench    build, then print raw/gzip/brotli sizes of dist/ and of the time-zone options
           (xtask/tz-probe), then load times in headless Chromium (tests/e2e load-bench), then
           the sign-up API (as bench-api), and write target/bench.json
  bench-api  the sign-up API alone, on loopback with rate limits off: joins/s with p50/p99 at
           1, 16 and 64 clients, list reads/s with and without If-None-Match; writes
           target/bench-api.json
";

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().skip(1).collect();
    match dispatch(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Reported) => ExitCode::FAILURE,
        Err(Error::Message(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: &[OsString]) -> Result<(), Error> {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Err(Error::Reported);
    };
    let command = command.to_string_lossy();
    if matches!(command.as_ref(), "help" | "-h" | "--help") {
        print!("{USAGE}");
        return Ok(());
    }
    // Only `serve` takes arguments, and only after `--`, so a typo is never silently ignored.
    let extra = match (command.as_ref(), rest.split_first()) {
        (_, None) => &[][..],
        ("serve", Some((dashes, extra))) if dashes == "--" => extra,
        (_, Some((word, _))) => {
            return Err(format!(
                "unexpected argument `{}` for `{command}`\n\n{USAGE}",
                word.to_string_lossy()
            )
            .into())
        }
    };

    let ws = Workspace::locate()?;
    match command.as_ref() {
        "tools" => tools::execute(&ws)?,
        "build" => build::execute(&ws)?,
        "serve" => serve::execute(&ws, extra)?,
        "test" => test::execute(&ws)?,
        "bench" => bench::execute(&ws)?,
        "bench-api" => bench_api::execute_alone(&ws)?,
        other => return Err(format!("unknown command `{other}`\n\n{USAGE}").into()),
    }
    Ok(())
}
