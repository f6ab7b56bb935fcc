//! The map of the places, in Chromium against `hub serve` and a tile server of the test's own on
//! another port (no internet): nothing goes to the tile server before the reader agrees; after
//! *Show map* tiles load from the configured template and + asks for the next zoom level's; the
//! choice is remembered only when asked to, and can be withdrawn; with the tile server down the
//! drawn map and the list stay, with a message; a template on the hub's own host loads at once.
//! And the hand-off to a maps app: one tap to open the venue, walking directions from the hotel.

use fantoccini::Locator;
use hub_e2e::tiles::TileServer;
use hub_e2e::{Harness, LAPTOP, PHONE};
use serde_json::json;

const SAMPLE: &str = include_str!("../../../public/events/scs-hackathon-3.json");

/// The sample as event `tiles-test` (a new file: the sample's own has precompressed copies
/// beside it that the hub would serve instead), its map's tiles from `tiles` (a template).
fn with_tiles(tiles: &str) -> String {
    let map = json!({
        "tiles": tiles,
        "attribution": "© Test tiles",
        "attribution_url": "https://example.org/copyright",
        "privacy_url": "https://example.org/privacy",
    });
    SAMPLE.replacen(
        "\"places\": [",
        &format!("\"map\": {map},\n  \"places\": ["),
        1,
    )
}

/// The zoom levels of the tiles requested so far.
fn zooms(server: &TileServer) -> Vec<u8> {
    let mut zooms: Vec<u8> = server
        .requests()
        .iter()
        .filter_map(|path| {
            path.strip_prefix("/tiles/")?
                .split('/')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    zooms.sort_unstable();
    zooms.dedup();
    zooms
}

async fn count(hub: &Harness, css: &str) -> usize {
    hub.client
        .find_all(Locator::Css(css))
        .await
        .map(|found| found.len())
        .unwrap_or(0)
}

/// Waits until `check` holds, polling every 50 ms; fails after the harness's patience.
async fn eventually(what: &str, check: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + hub_e2e::PATIENCE;
    while !check() {
        assert!(std::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_map_asks_before_it_calls_a_tile_server_and_still_helps_without_it() {
    let server = TileServer::start().await;
    let hub = Harness::start(PHONE).await;
    let template = format!("{}/tiles/{{z}}/{{x}}/{{y}}.png", server.origin);
    hub.write_site_file("events/tiles-test.json", &with_tiles(&template));
    hub.open("/events/tiles-test").await;

    // Before consent: the places drawn from their coordinates, the panel naming the host, and
    // not one request to it.
    let host = server.origin.trim_start_matches("http://");
    let consent = hub.text_of(".eh-map__consent").await;
    assert!(consent.contains(host), "{consent}");
    assert!(consent.contains("IP address"), "{consent}");
    assert_eq!(count(&hub, ".eh-map__marker").await, 3);
    assert_eq!(count(&hub, ".eh-map__tile").await, 0);
    assert!(server.requests().is_empty(), "{:?}", server.requests());
    let places = hub.text_of("#eh-places").await;
    assert!(
        places.contains("2.8 km from CLOUD&HEAT · ≈ 45 min walk"),
        "{places}"
    );
    hub.scroll_to(".eh-map").await;
    hub.screenshot("map-consent-390").await;
    assert_eq!(hub.axe_violations().await, Vec::<String>::new());

    // Show map: tiles from the template, at one zoom; + asks for the next one's.
    hub.click(".eh-map__consent .eh-button--primary").await;
    eventually("tiles are requested", || !server.requests().is_empty()).await;
    let first = zooms(&server);
    assert_eq!(first.len(), 1, "{:?}", server.requests());
    hub.click(".eh-map__zoom-button").await;
    eventually("the next zoom level is requested", || {
        zooms(&server).contains(&(first[0] + 1))
    })
    .await;
    // The keyboard does the same: + on the focused map.
    hub.client
        .find(Locator::Css(".eh-map__frame"))
        .await
        .expect("the map")
        .send_keys("+")
        .await
        .expect("press +");
    eventually("the keyboard zooms in", || {
        zooms(&server).contains(&(first[0] + 2))
    })
    .await;
    hub.wait_until(".eh-map__credit", "named the tiles", |t| {
        t.contains("© Test tiles")
    })
    .await;
    hub.screenshot("map-tiles-390").await;
    hub.set_dark(true).await;
    hub.screenshot("map-tiles-390-dark").await;
    assert_eq!(hub.axe_violations().await, Vec::<String>::new());
    hub.set_dark(false).await;

    // Not remembered unless asked: a reload asks again, and loads nothing.
    let before = server.requests().len();
    hub.open("/events/tiles-test").await;
    hub.text_of(".eh-map__consent").await;
    assert_eq!(count(&hub, ".eh-map__tile").await, 0);
    assert_eq!(server.requests().len(), before);

    // "Always": the next visit shows tiles at once; withdrawn, it asks again.
    hub.click(".eh-map__consent input[type=checkbox]").await;
    hub.click(".eh-map__consent .eh-button--primary").await;
    hub.open("/events/tiles-test").await;
    hub.text_of(".eh-map__marker").await;
    eventually("remembered tiles load", || server.requests().len() > before).await;
    assert_eq!(count(&hub, ".eh-map__consent:not([hidden])").await, 0);

    // The tile server goes down: the drawn map and the list stay, and the page says why.
    server.stop();
    hub.open("/events/tiles-test").await;
    hub.wait_for_text(".eh-map__status", "could not be loaded")
        .await;
    assert_eq!(count(&hub, ".eh-map__marker").await, 3);
    assert!(hub
        .text_of("#eh-places")
        .await
        .contains("Motel One Dresden-Palaisplatz"));

    hub.click(".eh-map__stop").await;
    hub.open("/events/tiles-test").await;
    hub.text_of(".eh-map__consent").await;
    hub.close().await;
}

#[tokio::test]
async fn tiles_on_the_hubs_own_host_load_without_asking_and_the_venue_opens_in_one_tap() {
    let hub = Harness::start(LAPTOP).await;
    // Tiles for every zoom and column the fitted view can ask for around the places.
    for zoom in 11_u8..=16 {
        let (x, y) = event_model::geo::project(&event_model::geo::Native, 51.068, 13.75, zoom);
        let (x, y) = ((x / 256.0) as i64, (y / 256.0) as i64);
        for column in x - 5..=x + 5 {
            for row in y - 3..=y + 3 {
                let dir = hub.site().join(format!("tiles/{zoom}/{column}"));
                std::fs::create_dir_all(&dir).expect("tile directory");
                std::fs::copy(
                    hub_e2e::workspace_root().join("public/icons/icon.svg"),
                    dir.join(format!("{row}.svg")),
                )
                .expect("a tile");
            }
        }
    }
    // The venue with a picture of its entrance (the hub's icon stands in for a photo).
    let event = with_tiles("/tiles/{z}/{x}/{y}.svg").replacen(
        "\"url\": \"https://www.cloudandheat.com/\"",
        "\"url\": \"https://www.cloudandheat.com/\", \"image\": { \"src\": \"/icons/icon.svg\", \"alt\": \"The entrance of Halle 15\" }",
        1,
    );
    hub.write_site_file("events/tiles-test.json", &event);
    hub.open("/events/tiles-test").await;
    hub.text_of(".eh-map__marker").await;
    assert_eq!(
        count(&hub, ".eh-map__consent").await,
        0,
        "no question for the hub's own tiles"
    );
    let loaded = hub
        .client
        .execute(
            "return new Promise((done) => setTimeout(() => done(
               [...document.querySelectorAll('.eh-map__tile')].filter((t) => t.complete && t.naturalWidth > 0).length), 500));",
            vec![],
        )
        .await
        .expect("count loaded tiles");
    assert!(loaded.as_u64().unwrap_or(0) >= 4, "{loaded}");
    let broken = hub
        .client
        .execute(
            "return [...document.querySelectorAll('.eh-map__tile')].filter((t) => t.complete && t.naturalWidth == 0).map((t) => t.src).slice(0, 5).join(' ');",
            vec![],
        )
        .await
        .expect("broken tiles");
    assert_eq!(hub.text_of(".eh-map__status").await, "", "{broken}");
    let picture = hub
        .client
        .find(Locator::Css("#eh-place-venue img.eh-place__image"))
        .await
        .expect("the venue's picture");
    assert_eq!(
        picture.attr("alt").await.expect("alt").as_deref(),
        Some("The entrance of Halle 15")
    );

    // A tapped marker names its place in the map and marks its card, one at a time.
    hub.click(".eh-map__marker[aria-label^='2:']").await;
    let popup = hub
        .wait_for_text(".eh-map__popup", "Watzke am Goldenen Reiter")
        .await;
    assert!(popup.contains("Hauptstraße 1, 01097 Dresden"), "{popup}");
    hub.click(".eh-map__marker[aria-label^='1:']").await;
    let popup = hub.wait_for_text(".eh-map__popup", "CLOUD&HEAT").await;
    assert!(
        popup.contains("Access only after check-in"),
        "the notes too: {popup}"
    );
    hub.click(".eh-map__marker[aria-label^='3:']").await;
    hub.wait_for_text(".eh-map__popup", "Motel One").await;
    let picked = hub
        .client
        .execute(
            "return [...document.querySelectorAll('.eh-place--picked')].map((e) => e.id);",
            vec![],
        )
        .await
        .expect("picked cards");
    assert_eq!(picked, serde_json::json!(["eh-place-hotel"]));

    // The venue's card: one tap to a maps app (on a desktop, OpenStreetMap first), walking
    // directions from the hotel, the address to copy.
    let venue = "#eh-place-venue";
    let open = hub
        .client
        .find(Locator::Css(&format!("{venue} .eh-button--primary")))
        .await
        .expect("open in maps");
    assert_eq!(open.text().await.expect("text"), "Open in OpenStreetMap");
    assert_eq!(
        open.attr("href").await.expect("href").as_deref(),
        Some("https://www.openstreetmap.org/?mlat=51.08017&mlon=13.76214#map=17/51.08017/13.76214")
    );
    // The rest is one fold away: directions, copying the address, the other apps.
    hub.click(&format!("{venue} .eh-place__more-toggle")).await;
    let walk = hub
        .client
        .find(Locator::LinkText("Walk from the hotel"))
        .await
        .expect("walking directions");
    assert!(walk
        .attr("href")
        .await
        .expect("href")
        .is_some_and(|href| href
            .contains("fossgis_osrm_foot&route=51.06010%2C13.73790%3B51.08017%2C13.76214")));
    let card = hub.text_of(venue).await;
    for offered in [
        "Copy address",
        "Open in Google Maps",
        "Open in Apple Maps",
        "Open in Maps app",
    ] {
        assert!(card.contains(offered), "{offered}: {card}");
    }
    hub.scroll_to(".eh-map").await;
    hub.screenshot("map-own-tiles-1280").await;
    hub.set_dark(true).await;
    hub.screenshot("map-own-tiles-1280-dark").await;
    assert_eq!(hub.axe_violations().await, Vec::<String>::new());
    hub.close().await;
}
