//! Where places are: Web Mercator — the projection every web tile server uses — for tiles and
//! markers, a view fitted to the event's places, and straight-line distances with walking
//! estimates. Plain functions, so the map's arithmetic is tested natively and the page only
//! positions elements.
//!
//! World coordinates are pixels of a 256-pixel-tile world at a zoom level: `x` grows east from
//! the antimeridian, `y` south from the Mercator limit (±85.0511°).
//!
//! The five transcendental functions come through [`Math`], as time zones come through
//! `ZoneRules`: natively Rust's own ([`Native`]), in the browser JavaScript's `Math` — which
//! keeps libm's trigonometry (~12 KB of wasm) out of the attendee's first load.

/// `sin`, `cos`, `ln`, `exp` and `atan`: all the map needs.
pub trait Math {
    fn sin(&self, x: f64) -> f64;
    fn cos(&self, x: f64) -> f64;
    fn ln(&self, x: f64) -> f64;
    fn exp(&self, x: f64) -> f64;
    fn atan(&self, x: f64) -> f64;
}

/// Rust's own functions (libm): for native code and tests.
#[derive(Debug, Clone, Copy)]
pub struct Native;

impl Math for Native {
    fn sin(&self, x: f64) -> f64 {
        x.sin()
    }
    fn cos(&self, x: f64) -> f64 {
        x.cos()
    }
    fn ln(&self, x: f64) -> f64 {
        x.ln()
    }
    fn exp(&self, x: f64) -> f64 {
        x.exp()
    }
    fn atan(&self, x: f64) -> f64 {
        x.atan()
    }
}

use std::f64::consts::{FRAC_PI_2, PI};

/// Pixels per tile side, as tile servers cut them.
pub const TILE_SIZE: f64 = 256.0;

/// The most a map may zoom in unless the tile source says otherwise.
pub const DEFAULT_MAX_ZOOM: u8 = 19;

/// The mean Earth radius, metres (what distance estimates use).
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Walking: 5 km/h along a way 1.3 times the straight line.
const WALK_M_PER_MIN: f64 = 5_000.0 / 60.0;
const DETOUR: f64 = 1.3;

/// Beyond this straight-line distance a walk is not a sensible suggestion.
pub const WALKABLE_M: f64 = 3_000.0;

/// The size of the world in pixels at `zoom` (a shift, not `powf`: one libm function less in
/// the wasm).
pub fn world_size(zoom: u8) -> f64 {
    TILE_SIZE * f64::from(1_u32 << zoom.min(30))
}

/// `(lat, lon)` in degrees as world pixels at `zoom`.
pub fn project(m: &dyn Math, lat: f64, lon: f64, zoom: u8) -> (f64, f64) {
    let size = world_size(zoom);
    let s = m.sin(lat.clamp(-85.051_128_78, 85.051_128_78).to_radians());
    let x = (lon + 180.0) / 360.0 * size;
    // ln(tan(π/4 + φ/2)), written as atanh(sin φ) so it needs only `sin` and `ln`.
    let mercator = 0.5 * m.ln((1.0 + s) / (1.0 - s));
    let y = (1.0 - mercator / PI) / 2.0 * size;
    (x, y)
}

/// World pixels at `zoom` back to `(lat, lon)` in degrees.
pub fn unproject(m: &dyn Math, x: f64, y: f64, zoom: u8) -> (f64, f64) {
    let size = world_size(zoom);
    let lon = x / size * 360.0 - 180.0;
    let n = PI * (1.0 - 2.0 * y / size);
    // atan(sinh n), written as the Gudermannian 2·atan(eⁿ) − π/2.
    let lat = (2.0 * m.atan(m.exp(n)) - FRAC_PI_2).to_degrees();
    (lat, lon)
}

/// What the map shows: its centre and zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub lat: f64,
    pub lon: f64,
    pub zoom: u8,
}

impl View {
    /// Where `(lat, lon)` is in a `width` × `height` map showing this view, pixels from its
    /// top left corner.
    pub fn screen(&self, m: &dyn Math, width: f64, height: f64, lat: f64, lon: f64) -> (f64, f64) {
        let zoom = self.zoom;
        let (cx, cy) = project(m, self.lat, self.lon, zoom);
        let (x, y) = project(m, lat, lon, zoom);
        (x - cx + width / 2.0, y - cy + height / 2.0)
    }

    /// The view moved by `(dx, dy)` screen pixels (a drag to the right shows what is west).
    pub fn panned(&self, m: &dyn Math, dx: f64, dy: f64) -> View {
        let zoom = self.zoom;
        let (cx, cy) = project(m, self.lat, self.lon, zoom);
        let size = world_size(zoom);
        // Around the world and back; `floor` rather than `rem_euclid`, which would bring libm's
        // `fmod` into the wasm.
        let x = cx - dx;
        let x = x - (x / size).floor() * size;
        let y = (cy - dy).clamp(0.0, size);
        let (lat, lon) = unproject(m, x, y, zoom);
        View { lat, lon, ..*self }
    }

    /// The view one step in (`+1`) or out (`-1`), within `0..=max_zoom`.
    pub fn zoomed(&self, step: i8, max_zoom: u8) -> View {
        let zoom = (i16::from(self.zoom) + i16::from(step)).clamp(0, i16::from(max_zoom));
        View {
            zoom: u8::try_from(zoom).unwrap_or(self.zoom),
            ..*self
        }
    }

    /// The tiles that cover a `width` × `height` map: each tile's `z/x/y` and where its top left
    /// corner goes. Only what is on screen — a tile server's policy forbids fetching more.
    pub fn tiles(&self, m: &dyn Math, width: f64, height: f64) -> Vec<Tile> {
        let zoom = self.zoom;
        let (cx, cy) = project(m, self.lat, self.lon, zoom);
        let (left, top) = (cx - width / 2.0, cy - height / 2.0);
        let count = 1_i64 << self.zoom;
        let first_x = (left / TILE_SIZE).floor() as i64;
        let last_x = ((left + width) / TILE_SIZE).ceil() as i64;
        let first_y = ((top / TILE_SIZE).floor() as i64).max(0);
        let last_y = (((top + height) / TILE_SIZE).ceil() as i64).min(count);
        let mut tiles = Vec::new();
        for ty in first_y..last_y {
            for tx in first_x..last_x {
                tiles.push(Tile {
                    z: self.zoom,
                    // Wrapped around the antimeridian; positioned where it is on screen.
                    x: tx.rem_euclid(count) as u32,
                    y: ty as u32,
                    left: tx as f64 * TILE_SIZE - left,
                    top: ty as f64 * TILE_SIZE - top,
                });
            }
        }
        tiles
    }

    /// Metres per screen pixel at the view's centre (for the scale bar).
    pub fn metres_per_pixel(&self, m: &dyn Math) -> f64 {
        let circumference = 2.0 * PI * EARTH_RADIUS_M;
        circumference * m.cos(self.lat.to_radians()) / world_size(self.zoom)
    }
}

/// One map tile and where it goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tile {
    pub z: u8,
    pub x: u32,
    pub y: u32,
    pub left: f64,
    pub top: f64,
}

/// The view that shows every point of `points` (`(lat, lon)`) in a `width` × `height` map with
/// `padding` pixels free at each edge: the closest zoom at which they fit, at most `max_zoom`
/// (and at most 17 for a single place, which shows its street). `None` without points.
pub fn fit(
    m: &dyn Math,
    points: &[(f64, f64)],
    width: f64,
    height: f64,
    padding: f64,
    max_zoom: u8,
) -> Option<View> {
    let first = points.first()?;
    let (mut south, mut north, mut west, mut east) = (first.0, first.0, first.1, first.1);
    for &(lat, lon) in points {
        south = south.min(lat);
        north = north.max(lat);
        west = west.min(lon);
        east = east.max(lon);
    }
    let (lat, lon) = {
        let (x1, y1) = project(m, north, west, 0);
        let (x2, y2) = project(m, south, east, 0);
        unproject(m, (x1 + x2) / 2.0, (y1 + y2) / 2.0, 0)
    };
    let limit = if points.len() == 1 {
        max_zoom.min(17)
    } else {
        max_zoom
    };
    let room = (
        (width - 2.0 * padding).max(1.0),
        (height - 2.0 * padding).max(1.0),
    );
    let zoom = (0..=limit)
        .rev()
        .find(|&zoom| {
            let (x1, y1) = project(m, north, west, zoom);
            let (x2, y2) = project(m, south, east, zoom);
            x2 - x1 <= room.0 && y2 - y1 <= room.1
        })
        .unwrap_or(0);
    Some(View { lat, lon, zoom })
}

/// The great-circle distance between two `(lat, lon)` points, metres.
pub fn distance_m(m: &dyn Math, a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.1 - a.1).to_radians();
    let (a, b) = (m.sin(dlat / 2.0), m.sin(dlon / 2.0));
    let h = (a * a + m.cos(lat1) * m.cos(lat2) * b * b).min(1.0);
    // asin(√h), as atan(√h / √(1 − h)): one function less.
    let root = h.sqrt();
    if h >= 1.0 {
        return PI * EARTH_RADIUS_M;
    }
    2.0 * EARTH_RADIUS_M * m.atan(root / (1.0 - h).sqrt())
}

/// How to get from one place to another on foot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// About this many minutes (rounded up to 5 above 10), from the straight line at 5 km/h with
    /// 30 % for the way's bends.
    Minutes(u32),
    /// Too far to suggest walking: this many tenths of a kilometre in a straight line.
    TooFar { tenths_km: u32 },
}

/// The walk between two points `distance_m` apart in a straight line.
pub fn walk(distance_m: f64) -> Walk {
    if distance_m > WALKABLE_M {
        return Walk::TooFar {
            tenths_km: (distance_m / 100.0).round() as u32,
        };
    }
    let minutes = (distance_m * DETOUR / WALK_M_PER_MIN).ceil().max(1.0) as u32;
    Walk::Minutes(if minutes > 10 {
        minutes.div_ceil(5) * 5
    } else {
        minutes
    })
}

/// A distance for people: `350 m`, `1.2 km` — without Rust's float formatting, which would cost
/// the attendee's wasm ~15 KB.
pub fn distance_text(distance_m: f64) -> String {
    if distance_m < 1_000.0 {
        // To 10 m: nobody paces out the rest.
        let metres = ((distance_m / 10.0).round() as u32) * 10;
        format!("{metres} m")
    } else {
        let tenths = (distance_m / 100.0).round() as u32;
        format!("{}.{} km", tenths / 10, tenths % 10)
    }
}

/// A scale bar's length in metres: the largest of 1, 2, 5 × 10ⁿ that fits in `max_px` pixels.
pub fn scale_bar_m(metres_per_pixel: f64, max_px: f64) -> u32 {
    let most = metres_per_pixel * max_px;
    let mut best = 1;
    let mut magnitude: u32 = 1;
    while f64::from(magnitude) <= most && magnitude < 10_000_000 {
        for step in [1, 2, 5] {
            if f64::from(step * magnitude) <= most {
                best = step * magnitude;
            }
        }
        magnitude *= 10;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const VENUE: (f64, f64) = (51.08017, 13.76214);
    const HOTEL: (f64, f64) = (51.0601, 13.7379);
    const WATZKE: (f64, f64) = (51.0558, 13.7414);

    fn near(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn projection_matches_the_tile_grid_of_tile_servers() {
        // The tile tile servers number 13/4409/2739 holds the venue (the standard formula, computed
        // independently: x = ⌊(lon + 180) / 360 · 2^z⌋, y = ⌊(1 − asinh(tan φ) / π) / 2 · 2^z⌋).
        let (x, y) = project(&Native, VENUE.0, VENUE.1, 13);
        assert_eq!(
            ((x / TILE_SIZE) as u32, (y / TILE_SIZE) as u32),
            (4409, 2739)
        );
        // The equator and the prime meridian meet in the middle of the world at every zoom.
        for zoom in [0, 5, 18] {
            let (x, y) = project(&Native, 0.0, 0.0, zoom);
            assert!(near(x, world_size(zoom) / 2.0, 1e-6) && near(y, world_size(zoom) / 2.0, 1e-6));
        }
        // North is up: a place further north has a smaller y.
        assert!(project(&Native, 60.0, 0.0, 3).1 < project(&Native, 40.0, 0.0, 3).1);
    }

    #[test]
    fn unprojecting_gives_the_point_back_at_any_zoom_and_latitude() {
        for &(lat, lon) in &[VENUE, (-33.9, 151.2), (64.1, -21.9), (0.0, 179.9)] {
            for zoom in [0, 7, 19] {
                let (x, y) = project(&Native, lat, lon, zoom);
                let (back_lat, back_lon) = unproject(&Native, x, y, zoom);
                assert!(
                    near(back_lat, lat, 1e-9) && near(back_lon, lon, 1e-9),
                    "{lat},{lon}@{zoom}"
                );
            }
        }
    }

    #[test]
    fn the_fitted_view_shows_all_three_places_at_the_closest_zoom() {
        let places = [VENUE, HOTEL, WATZKE];
        let view = fit(&Native, &places, 360.0, 300.0, 24.0, 19).unwrap_or(View {
            lat: 0.0,
            lon: 0.0,
            zoom: 0,
        });
        for &(lat, lon) in &places {
            let (x, y) = view.screen(&Native, 360.0, 300.0, lat, lon);
            assert!(
                (24.0..=336.0).contains(&x) && (24.0..=276.0).contains(&y),
                "{x},{y} at {}",
                view.zoom
            );
        }
        // One more zoom step and they would not fit.
        let closer = view.zoomed(1, 19);
        let outside = places.iter().any(|&(lat, lon)| {
            let (x, y) = closer.screen(&Native, 360.0, 300.0, lat, lon);
            !(24.0..=336.0).contains(&x) || !(24.0..=276.0).contains(&y)
        });
        assert!(outside);
        assert_eq!(view.zoom, 13);
        // A single place: its street, not the maximum zoom.
        assert_eq!(
            fit(&Native, &[VENUE], 360.0, 300.0, 24.0, 19).map(|v| v.zoom),
            Some(17)
        );
        assert_eq!(fit(&Native, &[], 360.0, 300.0, 24.0, 19), None);
    }

    #[test]
    fn tiles_cover_the_map_and_sit_where_the_projection_puts_them() {
        let view = View {
            lat: VENUE.0,
            lon: VENUE.1,
            zoom: 15,
        };
        let tiles = view.tiles(&Native, 390.0, 300.0);
        // 390 px needs two or three columns, 300 px two or three rows.
        assert!((4..=9).contains(&tiles.len()), "{}", tiles.len());
        let covers = |x: f64, y: f64| {
            tiles.iter().any(|t| {
                (t.left..t.left + TILE_SIZE).contains(&x) && (t.top..t.top + TILE_SIZE).contains(&y)
            })
        };
        for (x, y) in [
            (0.0, 0.0),
            (389.0, 0.0),
            (0.0, 299.0),
            (389.0, 299.0),
            (195.0, 150.0),
        ] {
            assert!(covers(x, y), "{x},{y}");
        }
        // The tile holding the centre holds the venue's marker.
        let (mx, my) = view.screen(&Native, 390.0, 300.0, VENUE.0, VENUE.1);
        let holder = tiles
            .iter()
            .find(|t| {
                (t.left..t.left + TILE_SIZE).contains(&mx)
                    && (t.top..t.top + TILE_SIZE).contains(&my)
            })
            .map(|t| (t.x, t.y));
        let (wx, wy) = project(&Native, VENUE.0, VENUE.1, 15);
        assert_eq!(
            holder,
            Some(((wx / TILE_SIZE) as u32, (wy / TILE_SIZE) as u32))
        );
        // Zooming in asks for the next level's tiles.
        assert!(view
            .zoomed(1, 19)
            .tiles(&Native, 390.0, 300.0)
            .iter()
            .all(|t| t.z == 16));
        assert_eq!(view.zoomed(1, 15).zoom, 15);
        assert_eq!(View { zoom: 0, ..view }.zoomed(-1, 19).zoom, 0);
    }

    #[test]
    fn panning_moves_the_map_under_the_finger() {
        let view = View {
            lat: VENUE.0,
            lon: VENUE.1,
            zoom: 14,
        };
        let before = view.screen(&Native, 360.0, 300.0, HOTEL.0, HOTEL.1);
        let after = view
            .panned(&Native, 40.0, -25.0)
            .screen(&Native, 360.0, 300.0, HOTEL.0, HOTEL.1);
        assert!(near(after.0 - before.0, 40.0, 1e-6) && near(after.1 - before.1, -25.0, 1e-6));
    }

    #[test]
    fn distances_and_walks_between_the_samples_places() {
        let venue_hotel = distance_m(&Native, VENUE, HOTEL);
        assert!(near(venue_hotel, 2_802.0, 5.0), "{venue_hotel}");
        let hotel_watzke = distance_m(&Native, HOTEL, WATZKE);
        assert!(near(hotel_watzke, 540.0, 20.0), "{hotel_watzke}");
        // 540 m × 1.3 at 5 km/h ≈ 8.4 min.
        assert_eq!(walk(hotel_watzke), Walk::Minutes(9));
        // 2.8 km × 1.3 at 5 km/h ≈ 43.7 min, rounded up to 5.
        assert_eq!(walk(venue_hotel), Walk::Minutes(45));
        assert_eq!(walk(12_345.0), Walk::TooFar { tenths_km: 123 });
        assert_eq!(walk(0.0), Walk::Minutes(1));
        // A known distance: one degree of latitude is ~111.2 km.
        assert!(near(
            distance_m(&Native, (50.0, 13.0), (51.0, 13.0)),
            111_195.0,
            50.0
        ));
    }

    #[test]
    fn distances_read_like_people_say_them() {
        assert_eq!(distance_text(537.0), "540 m");
        assert_eq!(distance_text(2_912.0), "2.9 km");
        assert_eq!(distance_text(1_000.0), "1.0 km");
        assert_eq!(distance_text(4.0), "0 m");
    }

    #[test]
    fn the_scale_bar_is_a_round_length_that_fits() {
        assert_eq!(scale_bar_m(4.5, 100.0), 200);
        assert_eq!(scale_bar_m(0.3, 100.0), 20);
        assert_eq!(scale_bar_m(12.0, 100.0), 1000);
        let view = View {
            lat: 51.0,
            lon: 13.7,
            zoom: 13,
        };
        // About 12 m per pixel at zoom 13 in Dresden.
        assert!(
            near(view.metres_per_pixel(&Native), 12.0, 0.5),
            "{}",
            view.metres_per_pixel(&Native)
        );
    }
}
