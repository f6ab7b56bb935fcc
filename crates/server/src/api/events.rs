//! The catalogue: which events the hub takes sign-ups for, read from `site/events/{id}.json`.
//! Topic ids, titles and capacities, and the event's end (for the retention rule), come from the
//! file and nowhere else, so the hub enforces exactly the sheet the page shows.
//!
//! A file is read again when its modification time or size changes, so an organizer's edit (a
//! new topic, a larger room) applies without a restart. An edit that breaks the file does not
//! close the sheets: the last valid version stays in force, with a warning in the log, until the
//! file is fixed. A file that disappears takes its event with it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use event_model::tzdb::Tzdb;
use event_model::{check_event, Event};

use crate::calendar::is_event_id;

/// What the API needs to know of one event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventInfo {
    /// The file's name without `.json`: the id in the API's addresses.
    pub id: String,
    /// When the event ends, in UTC.
    pub ends_at: DateTime<Utc>,
    /// In file order.
    pub topics: Vec<TopicInfo>,
    /// The open-space board, when the file declares one.
    pub open_space: Option<OpenSpaceInfo>,
}

/// What the API needs to know of an event's open-space board.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenSpaceInfo {
    pub space: event_model::open_space::OpenSpace,
    /// The proposal window, in UTC, and as the file's local times (for the refusal's message).
    pub opens: DateTime<Utc>,
    pub closes: DateTime<Utc>,
    pub window: (String, String),
    /// The cells the file fills itself.
    pub file_placements: Vec<event_model::open_space::Placement>,
    /// The file's topics as written, for the export.
    pub file_topics: Vec<event_model::Topic>,
}

/// One topic of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicInfo {
    pub id: String,
    /// In English, else the first language the file gives (the export's column).
    pub title: String,
    /// `None` for no limit.
    pub capacity: Option<u32>,
}

impl EventInfo {
    pub fn topic(&self, id: &str) -> Option<&TopicInfo> {
        self.topics.iter().find(|topic| topic.id == id)
    }

    /// The API's view of a valid event file named `{id}.json`.
    pub fn of(id: &str, event: &Event) -> EventInfo {
        let ends_at = event_model::zone::to_instant(&Tzdb, &event.time_zone, event.end)
            .unwrap_or_else(|| event.end.local.and_utc());
        let topics = event
            .topics
            .iter()
            .map(|topic| TopicInfo {
                id: topic.id.clone(),
                title: topic
                    .title
                    .version("en")
                    .unwrap_or(topic.title.as_str())
                    .to_owned(),
                capacity: topic.capacity,
            })
            .collect();
        let open_space = event.open_space.as_ref().map(|space| {
            let (open, close) = event_model::open_space::proposal_window(event, space);
            let at = |t| {
                event_model::zone::to_instant(&Tzdb, &event.time_zone, t)
                    .unwrap_or_else(|| t.local.and_utc())
            };
            OpenSpaceInfo {
                space: space.clone(),
                opens: at(open),
                closes: at(close),
                window: (open.to_string(), close.to_string()),
                file_placements: event_model::open_space::file_placements(event),
                file_topics: event.topics.clone(),
            }
        });
        EventInfo {
            id: id.to_owned(),
            ends_at,
            topics,
            open_space,
        }
    }
}

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

struct Loaded {
    stamp: Stamp,
    /// The last valid version; `None` when the file has never been valid.
    event: Option<Arc<EventInfo>>,
}

/// The events under `site/events/`, each re-read when its file changes.
pub struct Catalogue {
    dir: PathBuf,
    loaded: Mutex<HashMap<String, Loaded>>,
}

impl Catalogue {
    pub fn new(site: &Path) -> Catalogue {
        Catalogue {
            dir: site.join("events"),
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// Event `id`, when `events/{id}.json` is (or was, before an edit that broke it) valid.
    pub async fn get(&self, id: &str) -> Option<Arc<EventInfo>> {
        if !is_event_id(id) {
            return None;
        }
        let path = self.dir.join(format!("{id}.json"));
        // A stat is a few microseconds, cheaper than handing it to a blocking thread.
        let stamp = match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => Stamp {
                modified: meta.modified().ok(),
                len: meta.len(),
            },
            _ => {
                self.lock().remove(id);
                return None;
            }
        };
        let previous = match self.lock().get(id) {
            Some(loaded) if loaded.stamp == stamp => return loaded.event.clone(),
            Some(loaded) => loaded.event.clone(),
            None => None,
        };
        let name = id.to_owned();
        let read = tokio::task::spawn_blocking(move || load(&path, &name)).await;
        let event = match read {
            Ok(Ok(event)) => Some(Arc::new(event)),
            Ok(Err(problem)) => {
                match &previous {
                    Some(_) => tracing::warn!(
                        "events/{id}.json: {problem}; its sign-ups keep the last valid version"
                    ),
                    None => tracing::warn!("events/{id}.json: {problem}; no sign-ups for it"),
                }
                previous
            }
            Err(error) => {
                tracing::error!("reading events/{id}.json: {error}");
                return previous;
            }
        };
        self.lock().insert(
            id.to_owned(),
            Loaded {
                stamp,
                event: event.clone(),
            },
        );
        event
    }

    /// Every event whose file is valid now.
    pub async fn all(&self) -> Vec<Arc<EventInfo>> {
        let dir = self.dir.clone();
        let ids = tokio::task::spawn_blocking(move || event_ids(&dir))
            .await
            .unwrap_or_default();
        let mut events = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(event) = self.get(&id).await {
                events.push(event);
            }
        }
        events
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Loaded>> {
        self.loaded.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The ids of the `{id}.json` files in `dir` (the index and other names are not events).
fn event_ids(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let id = name.strip_suffix(".json")?;
            is_event_id(id).then(|| id.to_owned())
        })
        .filter(|id| id != "index")
        .collect();
    ids.sort();
    ids
}

/// Reads and checks one event file; the error is the first problem, for the log.
fn load(path: &Path, id: &str) -> Result<EventInfo, String> {
    let text = std::fs::read_to_string(path).map_err(|error| error.to_string())?;
    let checked = check_event(&text, &Tzdb);
    match checked.value {
        Some(event) => Ok(EventInfo::of(id, &event)),
        None => Err(checked
            .errors()
            .next()
            .map_or_else(|| "the file is not valid".to_owned(), |p| p.to_string())),
    }
}
