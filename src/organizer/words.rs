//! The words of the organizers' editor, in English and German: its own table (see
//! `event_model::messages!`), so the attendee bundle never carries them. The checker's problem
//! messages themselves are English for now and marked `lang="en"` in a German page.

event_model::messages! {
    EditorMessage;
    EditorTitle => ("Event file editor", "Editor für Veranstaltungs\u{ad}dateien"),
    EditorIntro => ("Edit an event file and see it checked and rendered as you type. Nothing is uploaded: download the result and publish it as usual.", "Eine Veranstaltungsdatei bearbeiten und beim Tippen geprüft und dargestellt sehen. Nichts wird hochgeladen: das Ergebnis herunterladen und wie gewohnt veröffentlichen."),
    FileAddress => ("Event file address", "Adresse der Veranstaltungsdatei"),
    Load => ("Load", "Laden"),
    Download => ("Download", "Herunterladen"),
    FileText => ("Event file (JSON) — paste or type", "Veranstaltungsdatei (JSON) — einfügen oder tippen"),
    Problems => ("Problems", "Fehler und Hinweise"),
    Preview => ("Preview", "Vorschau"),
    LastValidVersion => ("last valid version", "letzte gültige Fassung"),
    PreviewAppears => ("The preview appears once the file has no errors.", "Die Vorschau erscheint, sobald die Datei keine Fehler hat."),
    Checking => ("Checking…", "Wird geprüft…"),
    NoProblems => ("No problems. This file is ready to publish.", "Keine Fehler. Diese Datei kann veröffentlicht werden."),
    Error => ("Error", "Fehler"),
    Warning => ("Warning", "Hinweis"),
    LineColumn => ("line {}:{}", "Zeile {}:{}"),
    WholeFile => ("(file)", "(Datei)"),
    Counts => ("{}, {}. Select one to jump to its line.", "{}, {}. Einen auswählen, um zu seiner Zeile zu springen."),
    ErrorsOne => ("{} error", "{} Fehler"),
    ErrorsOther => ("{} errors", "{} Fehler"),
    WarningsOne => ("{} warning", "{} Hinweis"),
    WarningsOther => ("{} warnings", "{} Hinweise"),
    LoadingFile => ("Loading {}…", "{} wird geladen…"),
    LoadedFile => ("Loaded {}.", "{} geladen."),
    CouldNotDownload => ("Could not download: {}", "Herunterladen gescheitert: {}"),
}

/// `count` with the message for one or for several.
pub fn counted(
    count: usize,
    one: EditorMessage,
    other: EditorMessage,
    language: event_model::Language,
) -> String {
    let message = if count == 1 { one } else { other };
    message.fill(language, &[&count.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use event_model::Language;

    #[test]
    fn every_editor_message_has_the_same_gaps_in_german() {
        for message in EditorMessage::ALL {
            let gaps = |language| message.text(language).matches("{}").count();
            assert_eq!(gaps(Language::En), gaps(Language::De), "{message:?}");
            assert_ne!(
                message.text(Language::En),
                message.text(Language::De),
                "{message:?}"
            );
        }
    }
}
