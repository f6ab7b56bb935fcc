//! The attendee's whole pages: the event list, one event, and "not found".

pub mod event_list;
pub mod event_page;
pub mod not_found;
