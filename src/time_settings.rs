//! Which time zone the agenda is shown in: the event's (default — the only one that never
//! surprises a traveller), the device's, or any IANA zone picked by hand. The choice is
//! remembered per device in `localStorage`.

use leptos::prelude::*;

use crate::zones::device_zone;

/// `localStorage` key of the remembered choice.
const STORAGE_KEY: &str = "event-hub.zone";

/// What the viewer chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoneChoice {
    /// The event's own zone, whatever event is shown.
    Event,
    /// The device's zone, wherever the device travels.
    Device,
    /// A zone picked by name.
    Named(String),
}

impl ZoneChoice {
    /// The stored form: `event`, `device` or a zone name.
    pub fn to_storage(&self) -> String {
        match self {
            ZoneChoice::Event => "event".to_owned(),
            ZoneChoice::Device => "device".to_owned(),
            ZoneChoice::Named(zone) => zone.clone(),
        }
    }

    /// Reads the stored form; anything empty means the default.
    pub fn from_storage(text: &str) -> ZoneChoice {
        match text.trim() {
            "" | "event" => ZoneChoice::Event,
            "device" => ZoneChoice::Device,
            zone => ZoneChoice::Named(zone.to_owned()),
        }
    }

    /// The zone this choice shows for an event in `event_zone` on a device in `device_zone`.
    pub fn zone<'a>(&'a self, event_zone: &'a str, device_zone: &'a str) -> &'a str {
        match self {
            ZoneChoice::Event => event_zone,
            ZoneChoice::Device => device_zone,
            ZoneChoice::Named(zone) => zone,
        }
    }
}

/// Shared time settings, provided once at the top and read with `expect_context`.
#[derive(Debug, Clone, Copy)]
pub struct TimeSettings {
    /// The viewer's choice.
    pub choice: RwSignal<ZoneChoice>,
    /// The device's zone, read once.
    pub device: StoredValue<String>,
}

impl TimeSettings {
    /// Reads the remembered choice and the device zone, and saves every later change.
    pub fn new() -> TimeSettings {
        let stored = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .unwrap_or_default();
        let choice = RwSignal::new(ZoneChoice::from_storage(&stored));
        Effect::new(move |_| {
            let value = choice.get().to_storage();
            if let Some(storage) = storage() {
                // Private browsing may refuse storage: the choice then lasts for this visit only.
                let _ = storage.set_item(STORAGE_KEY, &value);
            }
        });
        TimeSettings {
            choice,
            device: StoredValue::new(device_zone()),
        }
    }

    /// The zone to show times of an event in `event_zone` in.
    pub fn shown(&self, event_zone: &str) -> String {
        let device = self.device.get_value();
        self.choice
            .with(|choice| choice.zone(event_zone, &device).to_owned())
    }
}

impl Default for TimeSettings {
    fn default() -> Self {
        TimeSettings::new()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_survive_storage() {
        for choice in [
            ZoneChoice::Event,
            ZoneChoice::Device,
            ZoneChoice::Named("Asia/Tokyo".into()),
        ] {
            assert_eq!(ZoneChoice::from_storage(&choice.to_storage()), choice);
        }
        assert_eq!(ZoneChoice::from_storage(""), ZoneChoice::Event);
    }

    #[test]
    fn a_choice_names_the_zone_to_show() {
        assert_eq!(
            ZoneChoice::Event.zone("Europe/Berlin", "America/New_York"),
            "Europe/Berlin"
        );
        assert_eq!(
            ZoneChoice::Device.zone("Europe/Berlin", "America/New_York"),
            "America/New_York"
        );
        assert_eq!(
            ZoneChoice::Named("UTC".into()).zone("Europe/Berlin", "America/New_York"),
            "UTC"
        );
    }
}
