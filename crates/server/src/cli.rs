//! The command line: `hub serve …`, `hub check …` and `hub schema`, with `HUB_*` environment fallbacks so the
//! same binary runs from a shell, a systemd unit or a container without a wrapper script.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::serve::Config;

/// The community event hub: serves the app and its event files, and checks event files.
#[derive(Debug, Parser)]
#[command(name = "hub", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the built app, its event files and (later) the sign-up API.
    Serve(ServeArgs),
    /// Check event files; exit 1 when any has an error.
    Check(CheckArgs),
    /// Print the JSON Schema of event files (or, with --index, of events/index.json).
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on, HOST:PORT (port 0 picks a free one).
    #[arg(
        long,
        env = "HUB_ADDR",
        default_value = "127.0.0.1:8080",
        value_name = "HOST:PORT"
    )]
    pub addr: String,
    /// The built app (Trunk's output): index.html, assets, events/*.json.
    #[arg(long, env = "HUB_SITE", default_value = "dist", value_name = "DIR")]
    pub site: PathBuf,
    /// Directory for the hub's own data; created when missing.
    #[arg(long, env = "HUB_DATA", default_value = "./data", value_name = "DIR")]
    pub data: PathBuf,
}

impl From<ServeArgs> for Config {
    fn from(args: ServeArgs) -> Self {
        Config {
            addr: args.addr,
            site: args.site,
            data: args.data,
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Event files to check; `-` reads standard input, a directory means the .json files in it.
    /// A file named index.json is checked as an events index.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print the schema of the events index (events/index.json) instead of an event file's.
    #[arg(long)]
    pub index: bool,
}

impl SchemaArgs {
    pub fn which(&self) -> crate::schema::Which {
        if self.index {
            crate::schema::Which::Index
        } else {
            crate::schema::Which::Event
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_defaults_match_the_documented_interface() {
        let cli = Cli::try_parse_from(["hub", "serve"]);
        let Ok(Cli {
            command: Command::Serve(args),
        }) = cli
        else {
            panic!("`hub serve` should parse: {cli:?}");
        };
        // Skipped when the environment overrides a default (e.g. a developer's HUB_ADDR).
        if std::env::var_os("HUB_ADDR").is_none() {
            assert_eq!(args.addr, "127.0.0.1:8080");
        }
        if std::env::var_os("HUB_SITE").is_none() {
            assert_eq!(args.site, PathBuf::from("dist"));
        }
        if std::env::var_os("HUB_DATA").is_none() {
            assert_eq!(args.data, PathBuf::from("./data"));
        }
    }

    #[test]
    fn check_needs_at_least_one_file() {
        assert!(Cli::try_parse_from(["hub", "check"]).is_err());
        assert!(Cli::try_parse_from(["hub", "check", "-", "--strict"]).is_ok());
    }

    #[test]
    fn schema_prints_the_event_schema_unless_asked_for_the_index() {
        let which = |args: &[&str]| match Cli::try_parse_from(args) {
            Ok(Cli {
                command: Command::Schema(args),
            }) => Some(args.which()),
            _ => None,
        };
        assert_eq!(which(&["hub", "schema"]), Some(crate::schema::Which::Event));
        assert_eq!(
            which(&["hub", "schema", "--index"]),
            Some(crate::schema::Which::Index)
        );
        assert_eq!(which(&["hub", "schema", "extra"]), None);
    }
}
