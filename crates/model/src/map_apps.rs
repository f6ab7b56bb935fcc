//! Handing a place to the phone's maps app: a link per app — `geo:` (Android's chooser), Apple
//! Maps, Google Maps, OpenStreetMap — for a point or, without coordinates, an address; walking
//! directions between two points; and which app to offer first on which platform.
//!
//! Labels and addresses are percent-encoded as UTF-8 (RFC 3986), so `CLOUD&HEAT` and
//! `Königsbrücker Straße 96` arrive whole.

use crate::safe_url::degrees;

/// A maps app (or site) a place can be opened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapApp {
    /// `geo:` — Android asks which installed app to use.
    Geo,
    Apple,
    Google,
    OpenStreetMap,
}

/// Where a place is: a point with a label, or only an address to search for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Whereabouts<'a> {
    Point { lat: f64, lon: f64, label: &'a str },
    Address(&'a str),
}

impl MapApp {
    /// Every app, in the order offered on a desktop.
    pub const ALL: [MapApp; 4] = [
        MapApp::OpenStreetMap,
        MapApp::Google,
        MapApp::Apple,
        MapApp::Geo,
    ];

    /// The app's own name (not translated).
    pub fn name(self) -> &'static str {
        match self {
            MapApp::Geo => "geo:",
            MapApp::Apple => "Apple Maps",
            MapApp::Google => "Google Maps",
            MapApp::OpenStreetMap => "OpenStreetMap",
        }
    }

    /// The apps for a browser saying `user_agent`, the platform's own first: `geo:` on Android
    /// (it opens the person's chosen app), Apple Maps on iPhone, iPad and Mac, OpenStreetMap
    /// elsewhere.
    pub fn in_order(user_agent: &str) -> [MapApp; 4] {
        let first = if user_agent.contains("Android") {
            MapApp::Geo
        } else if ["iPhone", "iPad", "Macintosh"]
            .iter()
            .any(|device| user_agent.contains(device))
        {
            MapApp::Apple
        } else {
            MapApp::OpenStreetMap
        };
        let mut apps = [first; 4];
        for (slot, app) in apps
            .iter_mut()
            .skip(1)
            .zip(MapApp::ALL.into_iter().filter(|app| *app != first))
        {
            *slot = app;
        }
        apps
    }

    /// The link that opens `place` in this app.
    pub fn place_url(self, place: Whereabouts<'_>) -> String {
        match place {
            Whereabouts::Point { lat, lon, label } => {
                let (lat, lon) = (degrees(lat), degrees(lon));
                let label = percent_encode(label);
                match self {
                    MapApp::Geo => format!("geo:{lat},{lon}?q={lat},{lon}({label})"),
                    MapApp::Apple => format!("https://maps.apple.com/?ll={lat},{lon}&q={label}"),
                    MapApp::Google => {
                        format!("https://www.google.com/maps/search/?api=1&query={lat}%2C{lon}")
                    }
                    MapApp::OpenStreetMap => format!(
                        "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
                    ),
                }
            }
            Whereabouts::Address(address) => {
                let query = percent_encode(address);
                match self {
                    MapApp::Geo => format!("geo:0,0?q={query}"),
                    MapApp::Apple => format!("https://maps.apple.com/?q={query}"),
                    MapApp::Google => {
                        format!("https://www.google.com/maps/search/?api=1&query={query}")
                    }
                    MapApp::OpenStreetMap => {
                        format!("https://www.openstreetmap.org/search?query={query}")
                    }
                }
            }
        }
    }

    /// Walking directions from `from` to `to` (`(lat, lon)`); `None` for `geo:`, which has no
    /// directions.
    pub fn walking_url(self, from: (f64, f64), to: (f64, f64)) -> Option<String> {
        let (a, b) = (
            format!("{},{}", degrees(from.0), degrees(from.1)),
            format!("{},{}", degrees(to.0), degrees(to.1)),
        );
        Some(match self {
            MapApp::Geo => return None,
            MapApp::Apple => format!("https://maps.apple.com/?saddr={a}&daddr={b}&dirflg=w"),
            MapApp::Google => format!(
                "https://www.google.com/maps/dir/?api=1&origin={a}&destination={b}&travelmode=walking"
            ),
            MapApp::OpenStreetMap => format!(
                "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route={}%3B{}",
                a.replace(',', "%2C"),
                b.replace(',', "%2C")
            ),
        })
    }
}

/// `text` percent-encoded for a URL's query: everything but RFC 3986's unreserved characters
/// (`A–Z a–z 0–9 - . _ ~`), as UTF-8 bytes.
pub fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const VENUE: Whereabouts<'static> = Whereabouts::Point {
        lat: 51.08017,
        lon: 13.76214,
        label: "CLOUD&HEAT, Königsbrücker Straße 96",
    };

    #[test]
    fn ampersands_umlauts_and_spaces_are_encoded_as_utf8() {
        assert_eq!(
            percent_encode("CLOUD&HEAT, Königsbrücker Straße 96"),
            "CLOUD%26HEAT%2C%20K%C3%B6nigsbr%C3%BCcker%20Stra%C3%9Fe%2096"
        );
        assert_eq!(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(percent_encode("(x)#?"), "%28x%29%23%3F");
    }

    #[test]
    fn every_app_opens_the_venue_at_its_coordinates() {
        let label = "CLOUD%26HEAT%2C%20K%C3%B6nigsbr%C3%BCcker%20Stra%C3%9Fe%2096";
        assert_eq!(
            MapApp::Geo.place_url(VENUE),
            format!("geo:51.08017,13.76214?q=51.08017,13.76214({label})")
        );
        assert_eq!(
            MapApp::Apple.place_url(VENUE),
            format!("https://maps.apple.com/?ll=51.08017,13.76214&q={label}")
        );
        assert_eq!(
            MapApp::Google.place_url(VENUE),
            "https://www.google.com/maps/search/?api=1&query=51.08017%2C13.76214"
        );
        assert_eq!(
            MapApp::OpenStreetMap.place_url(VENUE),
            "https://www.openstreetmap.org/?mlat=51.08017&mlon=13.76214#map=17/51.08017/13.76214"
        );
    }

    #[test]
    fn a_place_without_coordinates_is_searched_for_by_its_address() {
        let place = Whereabouts::Address("Hauptstraße 1, 01097 Dresden");
        let query = "Hauptstra%C3%9Fe%201%2C%2001097%20Dresden";
        assert_eq!(MapApp::Geo.place_url(place), format!("geo:0,0?q={query}"));
        assert_eq!(
            MapApp::Apple.place_url(place),
            format!("https://maps.apple.com/?q={query}")
        );
        assert_eq!(
            MapApp::Google.place_url(place),
            format!("https://www.google.com/maps/search/?api=1&query={query}")
        );
        assert_eq!(
            MapApp::OpenStreetMap.place_url(place),
            format!("https://www.openstreetmap.org/search?query={query}")
        );
    }

    #[test]
    fn walking_directions_from_the_hotel() {
        let (hotel, venue) = ((51.0601, 13.7379), (51.08017, 13.76214));
        assert_eq!(
            MapApp::Google.walking_url(hotel, venue).as_deref(),
            Some("https://www.google.com/maps/dir/?api=1&origin=51.06010,13.73790&destination=51.08017,13.76214&travelmode=walking")
        );
        assert_eq!(
            MapApp::Apple.walking_url(hotel, venue).as_deref(),
            Some(
                "https://maps.apple.com/?saddr=51.06010,13.73790&daddr=51.08017,13.76214&dirflg=w"
            )
        );
        assert_eq!(
            MapApp::OpenStreetMap.walking_url(hotel, venue).as_deref(),
            Some("https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route=51.06010%2C13.73790%3B51.08017%2C13.76214")
        );
        assert_eq!(MapApp::Geo.walking_url(hotel, venue), None);
    }

    #[test]
    fn the_platforms_own_app_comes_first_and_every_app_once() {
        let android =
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile";
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15";
        let desktop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120";
        assert_eq!(MapApp::in_order(android)[0], MapApp::Geo);
        assert_eq!(MapApp::in_order(iphone)[0], MapApp::Apple);
        assert_eq!(MapApp::in_order(desktop), MapApp::ALL);
        for agent in [android, iphone, desktop] {
            let apps = MapApp::in_order(agent);
            for app in MapApp::ALL {
                assert_eq!(apps.iter().filter(|a| **a == app).count(), 1, "{agent}");
            }
        }
    }
}
