//! `GET /api/events/{event}/signups.csv`: every sign-up of an event for its organizers, hidden
//! names included, as CSV — for printing the room lists or mailing a spreadsheet.
//!
//! Columns: `id` (the sign-up's, for removing it), `topic` (id), `topic_title` (English, else the file's first language), `name`,
//! `hidden`, `joined_at` (UTC, RFC 3339). Topics come in the file's order, people in the order
//! they joined; sign-ups under a topic the file no longer has come last, with an empty title.
//!
//! The names are typed by anyone, and spreadsheets run a cell that starts with `=`, `+`, `-` or
//! `@` as a formula (CSV injection): such cells get a leading `'`, which shows as text.

use std::borrow::Cow;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use chrono::SecondsFormat;

use super::auth::bearer;
use super::error::{Problem, Reader, Refused};
use super::events::EventInfo;
use super::signups::bad_address;
use super::Api;
use crate::store::ExportRow;

/// `text` as a spreadsheet shows it as text: with a `'` before a leading `=`, `+`, `-`, `@`, tab
/// or carriage return.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The export's bytes.
pub fn export_csv(event: &EventInfo, rows: &[ExportRow]) -> Result<Vec<u8>, csv::Error> {
    let mut ordered: Vec<(&ExportRow, usize, &str)> = rows
        .iter()
        .map(|row| {
            let known = event
                .topics
                .iter()
                .enumerate()
                .find(|(_, topic)| topic.id == row.topic);
            match known {
                Some((index, topic)) => (row, index, topic.title.as_str()),
                None => (row, usize::MAX, ""),
            }
        })
        .collect();
    // Stable: join order stays within each topic.
    ordered.sort_by_key(|(_, index, _)| *index);
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["id", "topic", "topic_title", "name", "hidden", "joined_at"])?;
    for (row, _, title) in ordered {
        let joined_at = row.joined_at.to_rfc3339_opts(SecondsFormat::Secs, true);
        let id = row.id.to_string();
        writer.write_record([
            id.as_str(),
            csv_cell(&row.topic).as_ref(),
            csv_cell(title).as_ref(),
            csv_cell(&row.name).as_ref(),
            if row.hidden { "true" } else { "false" },
            joined_at.as_str(),
        ])?;
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}

/// The handler: only with the organizer token.
pub async fn export(
    State(api): State<Api>,
    reader: Reader,
    event: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, Refused> {
    let Path(event) = event.map_err(|r| reader.refuse(bad_address(r)))?;
    if !api.organizer.is_set() {
        return Err(reader.refuse(Problem::NoOrganizerToken));
    }
    if !bearer(&headers).is_some_and(|token| api.organizer.matches(token)) {
        return Err(reader.refuse(Problem::NotOrganizer));
    }
    let Some(info) = api.catalogue.get(&event).await else {
        return Err(reader.refuse(Problem::EventNotFound(event)));
    };
    let rows = api
        .store
        .export(&info.id)
        .await
        .map_err(|e| reader.refuse(Problem::internal(e)))?;
    let body = export_csv(&info, &rows).map_err(|e| reader.refuse(Problem::internal(e)))?;
    // The id is a checked slug, so it is a valid header value.
    let disposition =
        HeaderValue::from_str(&format!("attachment; filename=\"{}-signups.csv\"", info.id))
            .map_err(|e| reader.refuse(Problem::internal(e)))?;
    Ok((
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::events::TopicInfo;
    use chrono::{DateTime, Utc};

    #[test]
    fn cells_that_a_spreadsheet_would_run_as_formulas_are_shown_as_text() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+49 351"), "'+49 351");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Anna = Bob"), "Anna = Bob");
        assert_eq!(csv_cell("Müller"), "Müller");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn the_export_lists_topics_in_file_order_and_people_in_join_order() -> Result<(), csv::Error> {
        let event = EventInfo {
            id: "x".into(),
            ends_at: DateTime::<Utc>::default(),
            topics: vec![
                TopicInfo {
                    id: "first".into(),
                    title: "First, with a comma".into(),
                    capacity: None,
                },
                TopicInfo {
                    id: "second".into(),
                    title: "Second".into(),
                    capacity: Some(2),
                },
            ],
            open_space: None,
        };
        let at = DateTime::from_timestamp(1_699_434_000, 0).unwrap_or_default();
        let row = |id, topic: &str, name: &str, hidden| ExportRow {
            id,
            topic: topic.into(),
            name: name.into(),
            hidden,
            joined_at: at,
        };
        let rows = [
            row(1, "second", "Bo", false),
            row(2, "gone", "Old", false),
            row(3, "first", "=cmd", true),
            row(4, "second", "Al", false),
        ];
        let text = String::from_utf8_lossy(&export_csv(&event, &rows)?).into_owned();
        assert_eq!(
            text,
            "id,topic,topic_title,name,hidden,joined_at\n\
             3,first,\"First, with a comma\",'=cmd,true,2023-11-08T09:00:00Z\n\
             1,second,Second,Bo,false,2023-11-08T09:00:00Z\n\
             4,second,Second,Al,false,2023-11-08T09:00:00Z\n\
             2,gone,,Old,false,2023-11-08T09:00:00Z\n"
        );
        Ok(())
    }
}
