//! Broken event files: every problem is reported with the JSON path an organizer can find, a
//! message that says what to do, and nothing a file contains makes the checker panic.

mod common;

use common::{
    assert_mentions, check, event_with_sessions, listing, only_error, sample_json, sample_with,
    sample_without, session, SAMPLE,
};
use event_model::{check_index, Severity};
use serde_json::json;

fn paths(checked: &event_model::Checked) -> Vec<&str> {
    checked.problems.iter().map(|p| p.path.as_str()).collect()
}

// --- unknown fields ------------------------------------------------------------------------------

#[test]
fn a_misspelt_top_level_field_is_reported_at_the_typo_with_a_suggestion() {
    let text = SAMPLE.replacen(
        "\"title\": { \"en\": \"Third",
        "\"titel\": { \"en\": \"Third",
        1,
    );
    let checked = check(&text);
    assert_eq!(paths(&checked), ["titel", ""], "{}", listing(&checked));
    assert_mentions(
        &checked.problems[0].message,
        &["unknown field `titel`", "did you mean `title`?"],
    );
    // The real field is then missing, which the organizer also has to know.
    assert_eq!(checked.problems[1].message, "missing field `title`");
    assert_eq!(
        checked.problems[1].to_string(),
        "(file): missing field `title`"
    );
    assert!(checked.value.is_none());
}

#[test]
fn a_misspelt_field_inside_a_session_is_reported_at_that_session() {
    let text = SAMPLE.replacen("\"kind\": \"arrival\"", "\"kidn\": \"arrival\"", 1);
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "sessions[2].kidn");
    assert_mentions(
        &problem.message,
        &["unknown field `kidn`", "did you mean `kind`?"],
    );
}

#[test]
fn an_unknown_field_far_from_any_real_one_lists_the_allowed_fields() {
    let text = sample_with("/sessions/0/colour", json!("red"));
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "sessions[0].colour");
    assert_mentions(
        &problem.message,
        &["unknown field `colour`", "allowed here:", "start", "place"],
    );
}

#[test]
fn an_unknown_field_in_a_nested_object_does_not_hide_other_top_level_problems() {
    // Pins a bug: the repair step looked for `apii` at the top level, failed, and stopped there.
    let mut json = sample_json();
    json["signups"] = json!({ "apii": null });
    json["id"] = json!(42);
    let checked = check(&common::pretty(&json));
    assert_eq!(
        paths(&checked),
        ["id", "signups.apii"],
        "{}",
        listing(&checked)
    );
    assert_mentions(&checked.problems[1].message, &["did you mean `api`?"]);
}

// --- references, ids, order ------------------------------------------------------------------------

#[test]
fn a_session_at_an_unknown_place_is_an_error_with_a_suggestion() {
    let checked = check(&sample_with("/sessions/1/place", json!("watzk")));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "sessions[1].place");
    assert_mentions(
        &problem.message,
        &[
            "no entry with id `watzk` in `places`",
            "did you mean `watzke`?",
        ],
    );
}

#[test]
fn a_session_that_ends_before_it_starts_is_an_error_at_its_end() {
    let checked = check(&sample_with("/sessions/0/end", json!("2023-11-07T15:00")));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "sessions[0].end");
    assert_mentions(
        &problem.message,
        &["2023-11-07T15:00", "not after its start 2023-11-07T16:00"],
    );
}

#[test]
fn a_session_that_ends_when_it_starts_is_an_error_too() {
    let checked = check(&sample_with("/sessions/0/end", json!("2023-11-07T16:00")));
    assert_eq!(only_error(&checked).path, "sessions[0].end");
}

#[test]
fn a_duplicate_topic_id_is_an_error_at_the_second_one() {
    let checked = check(&sample_with("/topics/1/id", json!("central-api")));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "topics[1].id");
    assert_mentions(&problem.message, &["`central-api`", "used twice", "unique"]);
}

#[test]
fn an_id_that_cannot_appear_in_an_address_is_an_error() {
    let checked = check(&sample_with("/id", json!("SCS Hackathon")));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "id");
    assert_mentions(&problem.message, &["`SCS Hackathon`", "a–z"]);
}

#[test]
fn a_malformed_place_id_is_reported_once_not_again_at_every_reference() {
    let mut json = sample_json();
    json["places"][1]["id"] = json!("Watzke");
    json["sessions"][1]["place"] = json!("Watzke");
    let checked = check(&common::pretty(&json));
    assert_eq!(only_error(&checked).path, "places[1].id");
}

// --- time zones and times --------------------------------------------------------------------------

#[test]
fn an_unknown_time_zone_is_an_error_with_the_closest_zone_suggested() {
    let checked = check(&sample_with("/time_zone", json!("Europe/Berln")));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "time_zone");
    assert_mentions(
        &problem.message,
        &[
            "`Europe/Berln` is not an IANA time zone",
            "did you mean `Europe/Berlin`?",
        ],
    );
}

#[test]
fn a_time_in_the_spring_forward_gap_does_not_exist() {
    let text = event_with_sessions(json!([session(
        "night",
        "2024-03-31T02:30",
        "2024-03-31T04:00"
    )]));
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "sessions[0].start");
    assert_eq!(
        problem.message,
        "2024-03-31T02:30 does not exist in Europe/Berlin (clocks skip 02:00→03:00); use 2024-03-31T03:00 or later"
    );
}

#[test]
fn a_time_in_the_gap_does_not_exist_even_with_an_offset() {
    // Pins a bug: this used to say "does not match Europe/Berlin, which is  then" (no offsets at all).
    let text = event_with_sessions(json!([session(
        "night",
        "2024-03-31T02:30+01:00",
        "2024-03-31T04:00"
    )]));
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "sessions[0].start");
    assert_mentions(&problem.message, &["does not exist", "02:00→03:00"]);
}

#[test]
fn a_time_in_the_fall_back_fold_is_ambiguous_and_names_both_offsets() {
    let text = event_with_sessions(json!([session(
        "night",
        "2024-10-27T02:30",
        "2024-10-27T04:00"
    )]));
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "sessions[0].start");
    assert_mentions(
        &problem.message,
        &[
            "happens twice",
            "2024-10-27T02:30+02:00",
            "2024-10-27T02:30+01:00",
        ],
    );
}

#[test]
fn an_explicit_offset_picks_one_side_of_the_fold() {
    for offset in ["+02:00", "+01:00"] {
        let start = format!("2024-10-27T02:30{offset}");
        let text = event_with_sessions(json!([session("night", &start, "2024-10-27T04:00")]));
        let checked = check(&text);
        assert!(checked.problems.is_empty(), "{start}:{}", listing(&checked));
        let event = checked.value.expect("valid");
        assert_eq!(event.sessions[0].start.to_string(), start);
    }
}

#[test]
fn an_offset_that_disagrees_with_the_zone_is_an_error() {
    let checked = check(&sample_with(
        "/sessions/3/start",
        json!("2023-11-08T10:00+02:00"),
    ));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "sessions[3].start");
    assert_mentions(
        &problem.message,
        &["offset", "does not match Europe/Berlin", "UTC+1"],
    );
}

#[test]
fn a_time_that_is_not_a_time_says_how_to_write_one() {
    let checked = check(&sample_with("/sessions/3/start", json!("8.11.2023 10:00")));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "sessions[3].start");
    assert_mentions(
        &problem.message,
        &[
            "`8.11.2023 10:00` is not a date and time",
            "YYYY-MM-DDTHH:MM",
        ],
    );
}

// --- types, required fields, versions --------------------------------------------------------------

#[test]
fn a_number_where_a_time_belongs_is_a_type_error_at_that_field() {
    let checked = check(&sample_with("/sessions/0/start", json!(1_699_434_000)));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "sessions[0].start");
    assert_mentions(
        &problem.message,
        &[
            "invalid type",
            "1699434000",
            "expected a date and time in double quotes",
        ],
    );
}

#[test]
fn a_session_without_an_end_is_reported_at_the_session() {
    let checked = check(&sample_without("/sessions/3/end"));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "sessions[3]");
    assert_eq!(problem.message, "missing field `end`");
}

#[test]
fn a_file_without_a_time_zone_is_reported_at_the_file() {
    let checked = check(&sample_without("/time_zone"));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "");
    assert_eq!(problem.message, "missing field `time_zone`");
}

#[test]
fn two_top_level_fields_of_the_wrong_type_are_both_reported() {
    // Pins a bug: problems were de-duplicated by message alone, so the second identical message
    // ("invalid type: integer `5`…") ended the search.
    let mut json = sample_json();
    json["id"] = json!(5);
    json["title"] = json!(5);
    let checked = check(&common::pretty(&json));
    assert_eq!(paths(&checked), ["id", "title"], "{}", listing(&checked));
}

#[test]
fn an_unknown_place_kind_lists_the_kinds() {
    let checked = check(&sample_with("/places/0/kind", json!("venu")));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "places[0].kind");
    assert_mentions(
        &problem.message,
        &["`venu` is not one of", "venue", "meeting_point"],
    );
}

#[test]
fn schema_version_2_is_refused_with_a_clear_reason() {
    let checked = check(&sample_with("/schema_version", json!(2)));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "schema_version");
    assert_mentions(
        &problem.message,
        &[
            "this hub understands schema version 1",
            "the file is version 2",
        ],
    );
}

#[test]
fn a_newer_file_gets_the_version_problem_rather_than_a_list_of_unknown_fields() {
    let mut json = sample_json();
    json["schema_version"] = json!(2);
    json["accessibility"] = json!({ "step_free": true });
    let checked = check(&common::pretty(&json));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "schema_version");
    assert_mentions(&problem.message, &["this hub understands schema version 1"]);
}

// --- links and places ------------------------------------------------------------------------------

#[test]
fn a_javascript_link_is_refused() {
    let checked = check(&sample_with(
        "/links/1/url",
        json!("javascript:alert(document.cookie)"),
    ));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "links[1].url");
    assert_mentions(
        &problem.message,
        &[
            "javascript:alert(document.cookie)",
            "not an allowed link",
            "https:",
        ],
    );
}

#[test]
fn a_javascript_link_inside_a_topic_is_refused_at_its_path() {
    let checked = check(&sample_with(
        "/topics/0/links/0/url",
        json!("JavaScript:alert(1)"),
    ));
    assert_eq!(only_error(&checked).path, "topics[0].links[0].url");
}

#[test]
fn a_latitude_beyond_the_pole_is_an_error() {
    let checked = check(&sample_with("/places/0/lat", json!(95.0)));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "places[0].lat");
    assert_mentions(&problem.message, &["latitude 95", "between -90 and 90"]);
}

#[test]
fn a_place_without_coordinates_is_only_a_warning() {
    let mut json = sample_json();
    let place = json["places"][2].as_object_mut().expect("a place");
    place.remove("lat");
    place.remove("lon");
    let checked = check(&common::pretty(&json));
    assert_eq!(checked.problems.len(), 1, "{}", listing(&checked));
    assert_eq!(checked.problems[0].severity, Severity::Warning);
    assert_eq!(checked.problems[0].path, "places[2]");
    assert!(checked.value.is_some(), "warnings do not stop the page");
}

// --- syntax ----------------------------------------------------------------------------------------

#[test]
fn a_missing_comma_is_a_syntax_error_with_line_and_column() {
    let text = "{\n  \"id\": \"x\"\n  \"title\": \"y\"\n}";
    let problem = only_error(&check(text)).clone();
    assert_eq!(problem.path, "");
    assert_mentions(&problem.message, &["invalid JSON", "expected `,` or `}`"]);
    assert!(
        !problem.message.contains(" at line "),
        "the position is not repeated in the message"
    );
    assert_eq!(problem.position, Some((3, 3)));
}

#[test]
fn a_syntax_error_column_counts_characters_not_bytes() {
    // `ö` and `ü` are two bytes each in UTF-8; serde_json would say column 29.
    let problem = only_error(&check("{\"title\": \"Königsbrücker\" x}")).clone();
    assert_eq!(problem.position, Some((1, 27)));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let checked = check(&format!("\u{feff}{SAMPLE}"));
    assert!(checked.problems.is_empty(), "{}", listing(&checked));
}

// --- many problems at once -------------------------------------------------------------------------

#[test]
fn three_broken_sessions_give_three_problems() {
    let mut json = sample_json();
    json["sessions"][0]["start"] = json!(7);
    json["sessions"][2]["titel"] = json!("Check-in");
    json["sessions"][5]
        .as_object_mut()
        .expect("a session")
        .remove("end");
    let checked = check(&common::pretty(&json));
    assert_eq!(
        paths(&checked),
        ["sessions[0].start", "sessions[2].titel", "sessions[5]"],
        "{}",
        listing(&checked)
    );
    assert!(checked
        .problems
        .iter()
        .all(|p| p.is_error() && p.position.is_some()));
}

#[test]
fn structural_problems_in_different_lists_are_all_reported() {
    let mut json = sample_json();
    json["titel"] = json!("typo");
    json["places"][0]["kind"] = json!("castle");
    json["topics"][3]["capacity"] = json!(-1);
    json["contacts"][1]["mail"] = json!("x@y.z");
    let checked = check(&common::pretty(&json));
    assert_eq!(
        paths(&checked),
        [
            "titel",
            "places[0].kind",
            "topics[3].capacity",
            "contacts[1].mail"
        ],
        "{}",
        listing(&checked)
    );
}

#[test]
fn three_sessions_that_end_before_they_start_give_three_problems() {
    let mut json = sample_json();
    for i in [0, 4, 8] {
        let start = json["sessions"][i]["start"].clone();
        json["sessions"][i]["start"] = json["sessions"][i]["end"].clone();
        json["sessions"][i]["end"] = start;
    }
    let checked = check(&common::pretty(&json));
    assert_eq!(
        paths(&checked),
        ["sessions[0].end", "sessions[4].end", "sessions[8].end"],
        "{}",
        listing(&checked)
    );
}

// --- nothing panics --------------------------------------------------------------------------------

#[test]
fn inputs_that_are_not_event_files_give_one_error_each() {
    for text in [
        "",
        "   ",
        "null",
        "[]",
        "42",
        "\"event\"",
        "\0",
        "{\"title\": \"\0\"}",
        "{",
        "}",
        "{\"a\":",
        "\u{feff}",
    ] {
        let checked = check(text);
        assert!(checked.value.is_none(), "{text:?}");
        assert!(
            !checked.problems.is_empty() && checked.problems.iter().all(|p| p.is_error()),
            "{text:?}"
        );
        for problem in &checked.problems {
            let (line, column) = problem.position.unwrap_or((1, 1));
            assert!(
                line >= 1 && column >= 1,
                "{text:?}: positions are 1-based, got {problem:?}"
            );
        }
    }
}

#[test]
fn null_and_arrays_are_told_what_an_event_file_is() {
    for text in ["null", "[]"] {
        let problem = only_error(&check(text)).clone();
        assert_mentions(&problem.message, &["must be a JSON object"]);
    }
}

#[test]
fn an_empty_file_says_it_ended_early() {
    let problem = only_error(&check("")).clone();
    assert_mentions(&problem.message, &["EOF"]);
    assert_eq!(problem.position, Some((1, 1)));
}

#[test]
fn a_one_megabyte_title_is_an_error_with_a_short_message() {
    let checked = check(&sample_with("/title", json!("x".repeat(1 << 20))));
    let problem = only_error(&checked);
    assert_eq!(problem.path, "title");
    assert_mentions(&problem.message, &["1048576 characters", "at most 200"]);
    assert!(problem.message.len() < 200);
}

#[test]
fn a_file_above_the_size_limit_is_refused_before_parsing() {
    let text = sample_with(
        "/summary",
        json!("x".repeat(event_model::parse::MAX_FILE_BYTES)),
    );
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "");
    assert_mentions(&problem.message, &["bytes", "at most"]);
}

#[test]
fn deeply_nested_arrays_are_refused_without_recursion() {
    let text = format!("{{\"summary\": {}{}}}", "[".repeat(100), "]".repeat(100));
    let problem = only_error(&check(&text)).clone();
    assert_mentions(&problem.message, &["nests deeper than"]);
    assert!(problem.position.is_some());
    let index = check_index(&format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)));
    assert!(index.value.is_none());
}

#[test]
fn brackets_inside_strings_do_not_count_as_nesting() {
    let checked = check(&sample_with("/summary", json!("[".repeat(100))));
    assert!(checked.problems.is_empty(), "{}", listing(&checked));
}

#[test]
fn ten_thousand_sessions_are_valid() {
    let sessions: Vec<_> = (0..10_000)
        .map(|i| {
            let day = 1 + i / 100 % 28;
            let minute = i % 100 * 5;
            let start = format!("2024-02-{day:02}T{:02}:{:02}", 8 + minute / 60, minute % 60);
            let end = format!(
                "2024-02-{day:02}T{:02}:{:02}",
                8 + (minute + 5) / 60,
                (minute + 5) % 60
            );
            session(&format!("s{i}"), &start, &end)
        })
        .collect();
    let mut json = sample_json();
    json["start"] = json!("2024-02-01T08:00");
    json["end"] = json!("2024-02-28T18:00");
    json["sessions"] = json!(sessions);
    // The sample's board names its work phases, which this agenda does not have.
    json["open_space"] = json!({ "rooms": ["venue"], "slots": ["s0"] });
    let checked = check(&common::pretty(&json));
    assert!(checked.problems.is_empty(), "{}", listing(&checked));
    assert_eq!(checked.value.expect("valid").sessions.len(), 10_000);
}

#[test]
fn the_event_itself_is_checked_against_its_zone_too() {
    let text = event_with_sessions(json!([]));
    let text = text.replace("2024-03-30T10:00", "2024-03-31T02:15");
    assert_eq!(only_error(&check(&text)).path, "start");
}

#[test]
fn problems_display_as_path_then_message() {
    let checked = check(&sample_with("/places/0/lat", json!(95.0)));
    assert_eq!(
        only_error(&checked).to_string(),
        "places[0].lat: latitude 95 is not between -90 and 90"
    );
}

// --- every problem at once, and what attendees still see ------------------------------------------

/// A place left out for a mistake of its own is not a second mistake at every session that goes
/// there — also for an id long enough that messages clip it (the filter once matched words).
#[test]
fn a_broken_place_is_one_problem_not_one_more_per_reference() {
    let long = "the-restaurant-where-the-community-meets-on-the-evening-before-the-day";
    assert!(long.len() > 60 && long.len() <= 80);
    let mut file = sample_json();
    let places = file["places"].as_array_mut().expect("places");
    let watzke = places
        .iter_mut()
        .find(|p| p["id"] == "watzke")
        .expect("watzke");
    watzke["id"] = json!(long);
    watzke["lat"] = json!("north");
    for session in file["sessions"].as_array_mut().expect("sessions") {
        if session["place"] == "watzke" {
            session["place"] = json!(long);
        }
    }
    let text = serde_json::to_string_pretty(&file).expect("JSON");
    let checked = check(&text);
    let errors: Vec<_> = checked.errors().map(|p| p.path.as_str()).collect();
    assert_eq!(errors.len(), 1, "{}", listing(&checked));
    assert!(errors[0].ends_with(".lat"), "{}", listing(&checked));
    // A reference to an id that never existed is still reported.
    file["sessions"][0]["place"] = json!("nowhere");
    let checked = check(&serde_json::to_string_pretty(&file).expect("JSON"));
    assert_eq!(checked.errors().count(), 2, "{}", listing(&checked));
}

/// Four independent mistakes, two that stop deserialization and two that only validation finds:
/// all four are reported, each at its own line and column. One bad time once hid the other three.
#[test]
fn four_independent_mistakes_yield_four_problems_at_four_positions() {
    let mut file = sample_json();
    file["sessions"][3]["start"] = json!("2023-11-08T25:00");
    file["sessions"][1]["place"] = json!("watzkee");
    file["links"][0]["url"] = json!("javascript:alert(1)");
    file["topics"][2]["titel"] = json!("typo");
    let text = serde_json::to_string_pretty(&file).expect("JSON");
    let checked = check(&text);
    let errors: Vec<_> = checked.errors().collect();
    let mut found: Vec<&str> = errors.iter().map(|p| p.path.as_str()).collect();
    found.sort_unstable();
    assert_eq!(
        found,
        [
            "links[0].url",
            "sessions[1].place",
            "sessions[3].start",
            "topics[2].titel"
        ],
        "{}",
        listing(&checked)
    );
    let mut positions: Vec<_> = errors.iter().filter_map(|p| p.position).collect();
    positions.sort_unstable();
    positions.dedup();
    assert_eq!(positions.len(), 4, "{}", listing(&checked));
    let hour = errors
        .iter()
        .find(|p| p.path == "sessions[3].start")
        .expect("the hour");
    assert!(
        hour.message.contains("the hour is 00–23"),
        "{}",
        hour.message
    );
}

#[test]
fn a_file_with_broken_items_still_gives_attendees_everything_else() {
    let mut file = sample_json();
    file["sessions"][3]["start"] = json!("2023-11-08T25:00");
    file["links"][0]["url"] = json!("javascript:alert(1)");
    let text = serde_json::to_string_pretty(&file).expect("JSON");
    let checked = check(&text);
    assert!(checked.value.is_none(), "the file has errors");
    let partial = checked.partial.expect("the rest of the event");
    assert_eq!(partial.title, "Third SCS Community Hackathon");
    let sessions: Vec<&str> = partial.sessions.iter().map(|s| s.id.as_str()).collect();
    assert!(
        !sessions.contains(&"welcome"),
        "the broken session is left out"
    );
    assert_eq!(sessions.len(), 8);
    assert!(
        partial
            .links
            .iter()
            .all(|l| !l.url.starts_with("javascript:")),
        "an unsafe link never reaches the page"
    );
    assert_eq!(partial.topics.len(), 12);
}

#[test]
fn without_a_usable_zone_or_title_there_is_nothing_to_show() {
    for (pointer, value) in [
        ("/time_zone", json!("Mars/Olympus")),
        ("/title", json!(42)),
        ("/start", json!("soon")),
    ] {
        let checked = check(&sample_with(pointer, value));
        assert!(
            checked.partial.is_none(),
            "{pointer}: {}",
            listing(&checked)
        );
    }
    let checked = check(&sample_without("/end"));
    assert!(checked.partial.is_none(), "{}", listing(&checked));
}

#[test]
fn an_unsafe_link_inside_markdown_warns_the_organizer() {
    let text = sample_with(
        "/summary",
        json!("See [the plan](javascript:alert(1)) and <data:text/html,x>, or [us](https://scs.community/)."),
    );
    let checked = check(&text);
    let warnings: Vec<&str> = checked
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning && p.path == "summary")
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(warnings.len(), 2, "{}", listing(&checked));
    assert!(
        warnings[0].contains("`javascript:alert(1)`"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].contains("`data:text/html,x`"),
        "{}",
        warnings[1]
    );
    assert!(checked.value.is_some(), "a warning does not stop the page");
}
