//! The command line: `hub serve …`, `hub check …`, `hub schema`, `hub backup …`, `hub export …`
//! and `hub import …`, with `HUB_*` environment fallbacks so the
//! same binary runs from a shell, a systemd unit or a container without a wrapper script.

use std::net::IpAddr;
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
    /// Serve the built app, its event files and the sign-up API.
    Serve(ServeArgs),
    /// Check event files; exit 1 when any has an error.
    Check(CheckArgs),
    /// Print the JSON Schema of event files (or, with --index, of events/index.json).
    Schema(SchemaArgs),
    /// Copy the sign-up database to FILE, safely while the hub runs.
    Backup(BackupArgs),
    /// Write an event's schedule (c3voc JSON or XML, for conference apps) or calendar, for a
    /// static host.
    Export(ExportArgs),
    /// Turn a c3voc schedule.json (from pretalx or frab) into an event file.
    Import(ImportArgs),
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
    /// The organizers' token: removes any sign-up and reads the CSV export. Prefer the
    /// environment variable (a command line is visible to every user of the machine).
    #[arg(
        long,
        env = "HUB_ORGANIZER_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub organizer_token: Option<String>,
    /// Origins whose pages may use the API from the browser (CORS), comma-separated, e.g.
    /// https://scs.community. None by default: only the hub's own pages.
    #[arg(
        long,
        env = "HUB_ALLOWED_ORIGINS",
        value_delimiter = ',',
        value_name = "ORIGINS"
    )]
    pub allowed_origins: Vec<String>,
    /// Reverse proxies (IP addresses, comma-separated) whose X-Forwarded-For names the client.
    #[arg(
        long,
        env = "HUB_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_name = "IPS"
    )]
    pub trusted_proxies: Vec<IpAddr>,
    /// Joins and leaves per client and minute, also the burst; 0 for no limit.
    #[arg(
        long,
        env = "HUB_WRITES_PER_MINUTE",
        default_value_t = 120,
        value_name = "N"
    )]
    pub writes_per_minute: u32,
    /// List reads, stream connects and exports per client and minute; 0 for no limit.
    #[arg(
        long,
        env = "HUB_READS_PER_MINUTE",
        default_value_t = 6000,
        value_name = "N"
    )]
    pub reads_per_minute: u32,
    /// The most sign-ups one event takes; 0 for no limit.
    #[arg(
        long,
        env = "HUB_MAX_SIGNUPS_PER_EVENT",
        default_value_t = 5000,
        value_name = "N"
    )]
    pub max_signups_per_event: u32,
    /// Sign-ups are deleted this many days after their event ends; 0 keeps them.
    #[arg(
        long,
        env = "HUB_RETENTION_DAYS",
        default_value_t = 30,
        value_name = "DAYS"
    )]
    pub retention_days: u32,
}

impl From<ServeArgs> for Config {
    fn from(args: ServeArgs) -> Self {
        Config {
            addr: args.addr,
            site: args.site,
            data: args.data,
            // An empty variable (`HUB_ORGANIZER_TOKEN=`) means none, not the empty token.
            organizer_token: args.organizer_token.filter(|token| !token.is_empty()),
            allowed_origins: args
                .allowed_origins
                .into_iter()
                .map(|origin| origin.trim().to_owned())
                .filter(|origin| !origin.is_empty())
                .collect(),
            trusted_proxies: args.trusted_proxies,
            writes_per_minute: args.writes_per_minute,
            reads_per_minute: args.reads_per_minute,
            max_signups_per_event: args.max_signups_per_event,
            retention_days: args.retention_days,
        }
    }
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The hub's data directory, as given to `hub serve`.
    #[arg(long, env = "HUB_DATA", default_value = "./data", value_name = "DIR")]
    pub data: PathBuf,
    /// Where the copy goes (a single SQLite file); replaced when it exists.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write.
    #[arg(long, value_enum)]
    pub format: crate::export::ExportFormat,
    /// Where to write it; standard output without one. For a static host, next to the event
    /// file: `events/ID/schedule.json`, `events/ID/schedule.xml`, `events/ID.ics`.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The language of the words the export adds (`en`, `de`); the event's default without one.
    #[arg(long, value_name = "CODE", value_parser = parse_language)]
    pub lang: Option<event_model::Language>,
    /// The event page's address, for the sessions' links, when the file names none.
    #[arg(long, value_name = "URL")]
    pub page: Option<String>,
    /// The event file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

fn parse_language(code: &str) -> Result<event_model::Language, String> {
    event_model::Language::from_code(code)
        .ok_or_else(|| format!("`{code}`: the hub speaks en and de"))
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The c3voc schedule.json (`-` for standard input).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where the event file goes; standard output without one.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The event's IANA time zone, when the schedule's `time_zone_name` is missing or wrong.
    #[arg(long, value_name = "ZONE")]
    pub time_zone: Option<String>,
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
        let unset = |name: &str| std::env::var_os(name).is_none();
        if unset("HUB_ORGANIZER_TOKEN") {
            assert_eq!(args.organizer_token, None);
        }
        if unset("HUB_ALLOWED_ORIGINS") {
            assert!(args.allowed_origins.is_empty());
        }
        if unset("HUB_TRUSTED_PROXIES") {
            assert!(args.trusted_proxies.is_empty());
        }
        if unset("HUB_WRITES_PER_MINUTE") {
            assert_eq!(args.writes_per_minute, 120);
        }
        if unset("HUB_READS_PER_MINUTE") {
            assert_eq!(args.reads_per_minute, 6000);
        }
        if unset("HUB_MAX_SIGNUPS_PER_EVENT") {
            assert_eq!(args.max_signups_per_event, 5000);
        }
        if unset("HUB_RETENTION_DAYS") {
            assert_eq!(args.retention_days, 30);
        }
    }

    #[test]
    fn the_config_defaults_are_the_command_line_defaults() {
        let Ok(Cli {
            command: Command::Serve(args),
        }) = Cli::try_parse_from(["hub", "serve"])
        else {
            panic!("`hub serve` should parse");
        };
        let any_set =
            std::env::vars_os().any(|(name, _)| name.to_string_lossy().starts_with("HUB_"));
        if !any_set {
            assert_eq!(Config::from(args), Config::default());
        }
    }

    #[test]
    fn lists_are_comma_separated_and_addresses_are_checked() {
        let serve = |extra: &[&str]| {
            let mut args = vec!["hub", "serve"];
            args.extend_from_slice(extra);
            match Cli::try_parse_from(args) {
                Ok(Cli {
                    command: Command::Serve(args),
                }) => Ok(Config::from(args)),
                Ok(other) => panic!("not serve: {other:?}"),
                Err(error) => Err(error.kind()),
            }
        };
        let config = serve(&[
            "--allowed-origins",
            "https://a.example,https://b.example",
            "--trusted-proxies",
            "127.0.0.1,::1",
            "--writes-per-minute",
            "0",
        ]);
        let Ok(config) = config else {
            panic!("should parse: {config:?}");
        };
        assert_eq!(
            config.allowed_origins,
            ["https://a.example", "https://b.example"]
        );
        assert_eq!(config.trusted_proxies.len(), 2);
        assert_eq!(config.writes_per_minute, 0);
        assert!(serve(&["--trusted-proxies", "proxy.example"]).is_err());
        assert!(serve(&["--organizer-token", ""]).is_ok_and(|c| c.organizer_token.is_none()));
    }

    #[test]
    fn backup_takes_a_file_and_the_data_directory() {
        let parsed = Cli::try_parse_from(["hub", "backup", "--data", "d", "copy.sqlite3"]);
        let Ok(Cli {
            command: Command::Backup(args),
        }) = parsed
        else {
            panic!("`hub backup` should parse: {parsed:?}");
        };
        assert_eq!(args.data, PathBuf::from("d"));
        assert_eq!(args.file, PathBuf::from("copy.sqlite3"));
        assert!(Cli::try_parse_from(["hub", "backup"]).is_err());
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
