//! The parts of an event page, one component per file.

pub mod agenda;
pub mod calendar;
pub mod contacts;
pub mod event_view;
pub mod header;
pub mod info;
pub mod link;
pub mod load_error;
pub mod map;
pub mod markdown;
pub mod now_bar;
pub mod place_actions;
pub mod places;
pub mod problem_message;
pub mod sheet;
pub mod topics;
pub mod zone_bar;
