//! Problems point at the line and column of the offending value in the organizer's own text, so
//! `hub check` can print `FILE:LINE:COLUMN` and an editor can jump there.

mod common;

use common::{check, only_error, SAMPLE};
use event_model::position::locate;

/// 1-based line and column of the first occurrence of `needle` in `text`, in characters.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The sample with the welcome session's start replaced by `start` (a JSON value as text).
fn sample_with_welcome_start(start: &str) -> String {
    let welcome = "\"start\": \"2023-11-08T10:00\",\n      \"end\": \"2023-11-08T10:30\"";
    assert_eq!(
        SAMPLE.matches(welcome).count(),
        1,
        "the sample's welcome session is where this test expects it"
    );
    SAMPLE.replacen(
        welcome,
        &format!("\"start\": {start},\n      \"end\": \"2023-11-08T10:30\""),
        1,
    )
}

#[test]
fn an_impossible_session_start_points_at_its_value_in_the_sample() {
    let text = sample_with_welcome_start("\"2023-11-08T25:00\"");
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "sessions[3].start");
    assert_eq!(problem.position, Some((85, 16)));
    assert_eq!(
        problem.position,
        Some(position_of(&text, "\"2023-11-08T25:00\""))
    );
}

#[test]
fn a_start_of_the_wrong_type_points_at_its_value() {
    let text = sample_with_welcome_start("1699434000");
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "sessions[3].start");
    assert_eq!(problem.position, Some((85, 16)));
}

#[test]
fn a_start_with_a_wrong_offset_points_at_its_value() {
    // A validation problem (found after parsing) is located the same way as a structural one.
    let text = sample_with_welcome_start("\"2023-11-08T10:00+05:00\"");
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "sessions[3].start");
    assert_eq!(problem.position, Some((85, 16)));
}

#[test]
fn a_misspelt_field_points_at_its_value() {
    let text = SAMPLE.replacen("\"kind\": \"arrival\"", "\"kidn\": \"arrival\"", 1);
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "sessions[2].kidn");
    assert_eq!(problem.position, Some(position_of(&text, "\"arrival\"")));
}

#[test]
fn a_missing_field_points_at_the_object_that_lacks_it() {
    let text = SAMPLE.replacen(
        "\"title\": { \"en\": \"Dinner: an extended break\", \"de\": \"Abendessen: eine längere Pause\" },",
        "",
        1,
    );
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "sessions[8]");
    let object_start = position_of(&text, "{\n      \"id\": \"dinner\"");
    assert_eq!(problem.position, Some(object_start));
}

#[test]
fn a_dangling_reference_points_at_the_reference() {
    let text = SAMPLE.replacen("\"place\": \"watzke\"", "\"place\": \"watzk\"", 1);
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.position, Some(position_of(&text, "\"watzk\"")));
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = "{\n  \"places\": [{ \"id\": \"v\", \"kind\": \"venue\", \"name\": \"Königsbrücker Straße\", \"lat\": 95, \"lon\": 13 }]\n}";
    assert_eq!(locate(text, "places[0].lat"), Some((2, 83)));
    assert_eq!(locate(text, "places[0].lat"), Some(position_of(text, "95")));
}

#[test]
fn strings_with_escapes_and_brackets_do_not_confuse_the_locator() {
    let text = r#"{"a": "x\"}], {[", "b": [ "[", {"c": "\\"}, 7 ], "d": 1}"#;
    assert_eq!(locate(text, "b[2]"), Some(position_of(text, "7 ]")));
    assert_eq!(locate(text, "b[1].c"), Some(position_of(text, r#""\\""#)));
    assert_eq!(locate(text, "d"), Some(position_of(text, "1}")));
}

#[test]
fn a_path_that_does_not_exist_points_at_its_deepest_existing_part() {
    let text = "{\n  \"sessions\": [\n    {}\n  ]\n}";
    assert_eq!(locate(text, "sessions[0].start"), Some((3, 5)));
    assert_eq!(locate(text, "sessions[5]"), Some((2, 15)));
    assert_eq!(locate(text, "nowhere"), Some((1, 1)));
}

#[test]
fn every_problem_of_a_structurally_broken_file_has_a_position() {
    let mut json = common::sample_json();
    json["sessions"][0]["start"] = serde_json::json!(7);
    json["topics"][2]["colour"] = serde_json::json!("red");
    json["titel"] = serde_json::json!("x");
    let checked = check(&common::pretty(&json));
    assert_eq!(checked.problems.len(), 3, "{}", common::listing(&checked));
    assert!(
        checked.problems.iter().all(|p| p.position.is_some()),
        "{}",
        common::listing(&checked)
    );
}
