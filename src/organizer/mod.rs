//! What only organizers use: the preview editor and the tools the organizer bundle exports to the
//! attendee's page (the full checker, the calendar writer). Only `src/bin/edit.rs` refers to this
//! module, so none of it is linked into the attendee bundle — keep it that way: an attendee
//! component that reaches in here would put the organizer's code back into every first load.

pub mod editor;
pub mod tools;
pub mod words;
