//! The attendee's three addresses, read once from the address bar.
//!
//! A router library costs the attendee's phone more bytes than the three addresses it would serve
//! (measured in the first-load issue), and moving between them is a plain link: `/` and
//! `/events/{id}` are separate pages whose HTML `hub serve` fills with the event's header, so a full
//! load shows the event at once. The organizers' `/edit` is its own bundle (`src/bin/edit.rs`).

/// What the address asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the events of the index.
    Home,
    /// `/events/{id}`: one event, whose file is `/events/{id}.json`.
    Event { id: String },
    /// Anything else.
    NotFound,
}

impl Route {
    /// The route for a URL path (without query or fragment). A trailing slash is forgiven, since
    /// people type and paste addresses.
    pub fn from_path(path: &str) -> Route {
        let path = path
            .strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path);
        if path == "/" || path.is_empty() {
            return Route::Home;
        }
        match path.strip_prefix("/events/") {
            Some(id) if is_slug(id) => Route::Event { id: id.to_owned() },
            _ => Route::NotFound,
        }
    }
}

/// Event ids are slugs (the checker enforces it), so anything else in the address is not an event.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::Route;

    fn event(id: &str) -> Route {
        Route::Event { id: id.to_owned() }
    }

    #[test]
    fn the_three_addresses() {
        assert_eq!(Route::from_path("/"), Route::Home);
        assert_eq!(Route::from_path(""), Route::Home);
        assert_eq!(
            Route::from_path("/events/scs-hackathon-3"),
            event("scs-hackathon-3")
        );
        assert_eq!(
            Route::from_path("/events/scs-hackathon-3/"),
            event("scs-hackathon-3")
        );
        assert_eq!(Route::from_path("/nope"), Route::NotFound);
    }

    #[test]
    fn only_slugs_are_events() {
        assert_eq!(Route::from_path("/events/"), Route::NotFound);
        assert_eq!(Route::from_path("/events/a/b"), Route::NotFound);
        assert_eq!(Route::from_path("/events/..%2Fsecret"), Route::NotFound);
        assert_eq!(Route::from_path("/events/x.json"), Route::NotFound);
    }
}
