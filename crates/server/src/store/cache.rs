//! The serialized sign-up list of each event, kept in memory so a read is a map lookup, not a
//! query: every open page asks for it again after each change, and phones at a venue reload.
//!
//! The writer invalidates an event's entry after its commit and before it answers, so whoever
//! got a `201` and reads again sees the new list. A reader that queried the database before
//! that commit must not put its older list back afterwards: each entry carries a generation the
//! writer bumps, and a list is cached only when the generation is still the one read before the
//! query began.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use event_model::signup::SignupList;
use sha2::{Digest, Sha256};

/// One event's public list as sent: the JSON body and its strong ETag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub body: Bytes,
    /// Quoted, as it goes into the `ETag` header: `"…"`.
    pub etag: String,
}

impl Listing {
    pub fn of(list: &SignupList) -> Result<Listing, serde_json::Error> {
        let body = serde_json::to_vec(list)?;
        Ok(Listing {
            etag: etag(&body),
            body: Bytes::from(body),
        })
    }
}

/// A strong ETag for `body`: the first 128 bits of its SHA-256, in hex, quoted.
///
/// A hash of the bytes rather than a counter, so two different lists never share a tag — not
/// even after a restart or a restored backup, when a counter would start again and a browser's
/// cached copy would pass for the new list.
pub fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let mut tag = String::with_capacity(34);
    tag.push('"');
    for byte in &digest[..16] {
        let _ = write!(tag, "{byte:02x}");
    }
    tag.push('"');
    tag
}

#[derive(Default)]
struct Entry {
    generation: u64,
    listing: Option<Arc<Listing>>,
}

/// The cached listings by event id.
#[derive(Default)]
pub struct ListCache {
    entries: Mutex<HashMap<String, Entry>>,
}

impl ListCache {
    /// The cached listing of `event`, or the generation a reader must quote to [`Self::fill`].
    pub fn get(&self, event: &str) -> Result<Arc<Listing>, u64> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        match entries.get(event) {
            Some(Entry {
                listing: Some(listing),
                ..
            }) => Ok(Arc::clone(listing)),
            Some(entry) => Err(entry.generation),
            None => Err(0),
        }
    }

    /// Caches `listing`, read from the database after [`Self::get`] returned `generation`,
    /// unless a commit has invalidated the event since.
    pub fn fill(&self, event: &str, generation: u64, listing: Arc<Listing>) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = entries.entry(event.to_owned()).or_default();
        if entry.generation == generation {
            entry.listing = Some(listing);
        }
    }

    /// Forgets `event`'s listing: a commit changed it.
    pub fn invalidate(&self, event: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = entries.entry(event.to_owned()).or_default();
        entry.generation += 1;
        entry.listing = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(text: &str) -> Arc<Listing> {
        Arc::new(Listing {
            body: Bytes::from(text.to_owned()),
            etag: etag(text.as_bytes()),
        })
    }

    #[test]
    fn an_etag_is_a_quoted_hash_of_the_bytes() {
        let tag = etag(b"{\"topics\":{}}");
        assert_eq!(tag.len(), 34);
        assert!(tag.starts_with('"') && tag.ends_with('"'), "{tag}");
        assert!(tag[1..33].bytes().all(|b| b.is_ascii_hexdigit()), "{tag}");
        // The same bytes give the same tag, in this process or the next.
        assert_eq!(tag, etag(b"{\"topics\":{}}"));
        assert_ne!(
            tag,
            etag(b"{\"topics\":{\"a\":{\"count\":1,\"names\":[]}}}")
        );
    }

    #[test]
    fn a_listing_is_served_from_the_cache_until_a_commit_invalidates_it() {
        let cache = ListCache::default();
        let generation = cache.get("x").err();
        assert_eq!(generation, Some(0));
        cache.fill("x", 0, listing("one"));
        assert_eq!(cache.get("x").ok(), Some(listing("one")));
        cache.invalidate("x");
        assert_eq!(cache.get("x").err(), Some(1));
    }

    #[test]
    fn a_list_read_before_a_commit_is_not_cached_after_it() {
        let cache = ListCache::default();
        let Err(generation) = cache.get("x") else {
            panic!("nothing is cached yet");
        };
        // The writer commits while the reader is still querying.
        cache.invalidate("x");
        cache.fill("x", generation, listing("stale"));
        assert!(cache.get("x").is_err(), "a stale list was cached");
    }
}
