//! What this device remembers of the sign-up sheets, in `localStorage`: the name it signs up
//! with (asked once), and per event its own sign-ups with their tokens and its device-only marks.
//!
//! Kept as lines of tab-separated fields rather than JSON: names and ids never hold a tab or a
//! line break (the name rules forbid control characters), and reading a few lines by hand costs
//! the attendee's wasm nothing next to serde's writers. Storage may be refused (private browsing,
//! a full quota): the sheets then work for this visit.

/// `localStorage` key of the name.
const NAME_KEY: &str = "event-hub.name";

/// The name this device signs up with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Me {
    pub name: String,
    /// Counted but not listed.
    pub hidden: bool,
}

/// One of this device's sign-ups: what removes it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MySignup {
    pub topic: String,
    pub id: i64,
    pub token: String,
}

/// This device's part of one event's sheets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeviceSheet {
    /// Shared sign-ups made here.
    pub mine: Vec<MySignup>,
    /// Topics marked "interested" while there is no shared sheet.
    pub interested: Vec<String>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load(key: &str) -> String {
    storage()
        .and_then(|storage| storage.get_item(key).ok().flatten())
        .unwrap_or_default()
}

fn save(key: &str, text: &str) {
    if let Some(storage) = storage() {
        // Refused storage only means this visit is all the device remembers.
        let _ = if text.is_empty() {
            storage.remove_item(key)
        } else {
            storage.set_item(key, text)
        };
    }
}

fn sheet_key(event: &str) -> String {
    format!("event-hub.sheet.{event}")
}

impl Me {
    /// The stored form: `1\tAnna` (hidden) or `0\tAnna`.
    pub fn to_text(&self) -> String {
        format!("{}\t{}", u8::from(self.hidden), self.name)
    }

    /// Reads the stored form; anything else is no name.
    pub fn from_text(text: &str) -> Option<Me> {
        let (hidden, name) = text.split_once('\t')?;
        (!name.is_empty()).then(|| Me {
            name: name.to_owned(),
            hidden: hidden == "1",
        })
    }

    /// The remembered name, if this device signed up before.
    pub fn load() -> Option<Me> {
        Me::from_text(&load(NAME_KEY))
    }

    /// Remembers `me`, or forgets the name (`None`).
    pub fn save(me: Option<&Me>) {
        save(NAME_KEY, &me.map(Me::to_text).unwrap_or_default());
    }
}

impl DeviceSheet {
    /// The stored form: a line `s\ttopic\tid\ttoken` per sign-up, `i\ttopic` per mark.
    pub fn to_text(&self) -> String {
        let signups = self
            .mine
            .iter()
            .map(|s| format!("s\t{}\t{}\t{}\n", s.topic, s.id, s.token));
        let marks = self.interested.iter().map(|topic| format!("i\t{topic}\n"));
        signups.chain(marks).collect()
    }

    /// Reads the stored form, skipping lines it does not understand.
    pub fn from_text(text: &str) -> DeviceSheet {
        let mut sheet = DeviceSheet::default();
        for line in text.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            match fields[..] {
                ["s", topic, id, token] => {
                    if let Ok(id) = id.parse() {
                        sheet.mine.push(MySignup {
                            topic: topic.to_owned(),
                            id,
                            token: token.to_owned(),
                        });
                    }
                }
                ["i", topic] => sheet.interested.push(topic.to_owned()),
                _ => {}
            }
        }
        sheet
    }

    /// What this device keeps for `event`.
    pub fn load(event: &str) -> DeviceSheet {
        DeviceSheet::from_text(&load(&sheet_key(event)))
    }

    /// Keeps it.
    pub fn save(&self, event: &str) {
        save(&sheet_key(event), &self.to_text());
    }

    /// This device's sign-up on `topic`.
    pub fn signup(&self, topic: &str) -> Option<&MySignup> {
        self.mine.iter().find(|signup| signup.topic == topic)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_reads_back_with_its_choice() {
        let me = Me {
            name: "Anna Müller".to_owned(),
            hidden: true,
        };
        assert_eq!(Me::from_text(&me.to_text()), Some(me));
        assert_eq!(Me::from_text(""), None);
        assert_eq!(Me::from_text("0\t"), None);
    }

    #[test]
    fn the_sheet_reads_back_and_skips_what_it_does_not_know() {
        let sheet = DeviceSheet {
            mine: vec![MySignup {
                topic: "cluster-stacks".to_owned(),
                id: 42,
                token: "tok_-en".to_owned(),
            }],
            interested: vec!["central-api".to_owned()],
        };
        assert_eq!(DeviceSheet::from_text(&sheet.to_text()), sheet);
        let noisy = format!("garbage\ns\tx\tnot-a-number\tt\n{}", sheet.to_text());
        assert_eq!(DeviceSheet::from_text(&noisy), sheet);
        assert_eq!(sheet.signup("cluster-stacks").map(|s| s.id), Some(42));
    }
}
