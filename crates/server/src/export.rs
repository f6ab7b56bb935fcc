//! `hub export --format schedule-json|schedule-xml|ics FILE`: what `hub serve` makes on request
//! (`/events/{id}/schedule.json`, `…/schedule.xml`, `/events/{id}.ics`), written once for a
//! static host. Same code, same bytes: an app that loads the file from a static host reads what
//! it would read from the hub.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use clap::ValueEnum;
use event_model::ics::event_calendar;
use event_model::tzdb::Tzdb;
use event_model::{check_event, Language};

use crate::check::format_problem;
use crate::schedule::{Format, Schedule};

/// What `hub export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The c3voc `schedule.json` conference apps load.
    ScheduleJson,
    /// The c3voc (frab) `schedule.xml`.
    ScheduleXml,
    /// An iCalendar file of every session.
    Ics,
}

/// What to export and how.
#[derive(Debug, Clone)]
pub struct Export<'a> {
    pub format: ExportFormat,
    /// The interface language of the words the export adds; `None`: the event's default.
    pub language: Option<Language>,
    /// Where the event's page will be, for the links of sessions; `None`: the file's `url`.
    pub page: Option<&'a str>,
    /// When the file was last changed (the calendar's DTSTAMP).
    pub stamp: DateTime<Utc>,
}

/// The export of the event file `text` (named `name` in messages), or every error in it.
pub fn export(text: &str, name: &str, export: &Export<'_>) -> Result<String, Vec<String>> {
    let checked = check_event(text, &Tzdb);
    let errors: Vec<String> = checked
        .errors()
        .map(|problem| format_problem(name, problem))
        .collect();
    let Some(mut event) = checked.value.clone().filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    let language = export
        .language
        .or_else(|| {
            event
                .default_language
                .as_deref()
                .and_then(Language::from_code)
        })
        .unwrap_or_default();
    if let Some(page) = export.page {
        event.fill_in_page(page);
    }
    event.localize(language.code());
    let unknown_zone = || {
        vec![format!(
            "{name}: the time zone `{}` is not known",
            event.time_zone
        )]
    };
    match export.format {
        ExportFormat::Ics => event_calendar(&event, &Tzdb, export.stamp, language)
            .map_err(|error| vec![format!("{name}: {error}")]),
        ExportFormat::ScheduleJson | ExportFormat::ScheduleXml => {
            let format = if export.format == ExportFormat::ScheduleJson {
                Format::Json
            } else {
                Format::Xml
            };
            Schedule::of(&event, &Tzdb, language, event.url.as_deref())
                .map(|schedule| format.write(&schedule))
                .ok_or_else(unknown_zone)
        }
    }
}

/// Runs `hub export`: the export to `output` (standard output without one); exit 1 with the
/// file's errors when it has any.
pub fn run(
    file: &Path,
    output: Option<&PathBuf>,
    format: ExportFormat,
    language: Option<Language>,
    page: Option<&str>,
) -> ExitCode {
    let name = file.display().to_string();
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{name}: cannot read: {error}");
            return ExitCode::FAILURE;
        }
    };
    let stamp = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| SystemTime::now());
    let options = Export {
        format,
        language,
        page,
        stamp: DateTime::<Utc>::from(stamp),
    };
    match export(&text, &name, &options) {
        Ok(body) => match output {
            Some(path) => match std::fs::write(path, body) {
                Ok(()) => {
                    eprintln!("wrote {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("{}: cannot write: {error}", path.display());
                    ExitCode::FAILURE
                }
            },
            None => {
                print!("{body}");
                ExitCode::SUCCESS
            }
        },
        Err(errors) => {
            for line in errors {
                eprintln!("{line}");
            }
            eprintln!("{name}: not exported; fix the errors above (`hub check` lists them too)");
            ExitCode::FAILURE
        }
    }
}
