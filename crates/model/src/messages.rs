//! Every word of the attendee's interface, in English and German.
//!
//! One table, written with [`messages!`]: each message is a name and a pair of texts, so a message
//! without its German does not compile. `{}` marks where [`Message::fill`] puts a value. The
//! organizers' editor has its own table in the organizer bundle, so attendees never download it.
//!
//! German addresses the reader as "du", as the German SCS community pages do, and prefers
//! phrasing that needs no address at all.

/// A typed message table: `messages! { Name; Key => ("English", "Deutsch"), … }` makes the enum
/// `Name` with `ALL`, `text(language)` and `fill(language, values)`. A pair with one text missing
/// does not match the macro, so it does not compile.
#[macro_export]
macro_rules! messages {
    ($table:ident; $( $(#[$doc:meta])* $name:ident => ($en:expr, $de:expr), )*) => {
        /// A message of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $table {
            $( $(#[$doc])* $name, )*
        }

        impl $table {
            /// Every message, for the tests that read the whole table.
            pub const ALL: &'static [$table] = &[$($table::$name),*];

            /// The message in `language`.
            pub fn text(self, language: $crate::language::Language) -> &'static str {
                let (en, de) = match self {
                    $( $table::$name => ($en, $de), )*
                };
                match language {
                    $crate::language::Language::En => en,
                    $crate::language::Language::De => de,
                }
            }

            /// The message in `language` with each `{}` replaced by the next of `values`.
            pub fn fill(self, language: $crate::language::Language, values: &[&str]) -> String {
                $crate::messages::fill(self.text(language), values)
            }
        }
    };
}

messages! {
    Message;
    // The page and its menu.
    Agenda => ("Agenda", "Programm"),
    Topics => ("Topics", "Themen"),
    Places => ("Places", "Orte"),
    Info => ("Info", "Infos"),
    Contact => ("Contact", "Kontakt"),
    SkipToContent => ("Skip to the content", "Zum Inhalt springen"),
    SkipToAgenda => ("Skip to the agenda", "Zum Programm springen"),
    About => ("About", "Worum es geht"),
    SectionsOfThisPage => ("Sections of this page", "Abschnitte dieser Seite"),
    Language => ("Language", "Sprache"),
    LoadingTheEvent => ("Loading the event…", "Die Veranstaltung wird geladen…"),
    LoadingTheAgenda => ("Loading the agenda…", "Das Programm wird geladen…"),
    NeedsJavaScript => ("This event page needs JavaScript and WebAssembly.", "Diese Seite braucht JavaScript und WebAssembly."),
    PartMissing => ("Part of this event is missing", "Ein Teil dieser Veranstaltung fehlt"),
    PartNoticeOne => ("Some of this event could not be shown: its file has {} mistake. What is here is correct.", "Ein Teil dieser Veranstaltung kann nicht gezeigt werden: ihre Datei hat {} Fehler. Was hier steht, stimmt."),
    PartNoticeOther => ("Some of this event could not be shown: its file has {} mistakes. What is here is correct.", "Ein Teil dieser Veranstaltung kann nicht gezeigt werden: ihre Datei hat {} Fehler. Was hier steht, stimmt."),
    OfflineLabel => ("Offline", "Ohne Verbindung"),
    OfflineAsOf => ("Offline — showing the event as of {}.", "Offline — angezeigt wird der Stand vom {}."),
    OfflineNoTime => ("Offline — showing the last copy of the event.", "Offline — angezeigt wird der letzte Stand der Veranstaltung."),
    ListOfProblemsForOrganizers => ("For organizers: the list of problems", "Fürs Orga-Team: die Liste der Fehler"),

    // The header.
    Register => ("Register", "Anmelden"),

    // Calendars.
    AddToCalendar => ("Add to calendar", "In den Kalender"),
    AddSessionToCalendar => ("Add to calendar: {}", "In den Kalender: {}"),
    Calendar => ("Calendar", "Kalender"),
    CalendarFile => ("Calendar file (.ics)", "Kalenderdatei (.ics)"),
    GoogleCalendar => ("Google Calendar", "Google Kalender"),
    CalendarFailed => ("Could not create the calendar: {}", "Der Kalender konnte nicht erstellt werden: {}"),
    NoFileForCalendar => ("this page has no event file to make a calendar from", "diese Seite hat keine Veranstaltungsdatei, aus der ein Kalender entstehen kann"),
    ToolsNotLoaded => ("the organizer tools could not be loaded: {}", "die Werkzeuge dafür konnten nicht geladen werden: {}"),
    Subscribe => ("Subscribe", "Abonnieren"),
    SubscribeExplained => ("Your calendar app keeps the agenda up to date.", "Die Kalender-App hält das Programm dann aktuell."),
    OpenInCalendarApp => ("Open in calendar app", "In der Kalender-App öffnen"),
    PasteFeedAddress => ("Or paste this address into your calendar (Google Calendar: Other calendars → From URL)", "Oder diese Adresse im Kalender eintragen (Google Kalender: Weitere Kalender → Per URL)"),
    OpenInConferenceApp => ("Open in a conference app", "In einer Konferenz-App öffnen"),
    ConferenceAppsExplained => ("Conference apps such as Giggity or ConfClerk load the agenda from its schedule file.", "Konferenz-Apps wie Giggity oder ConfClerk laden das Programm aus seinem Fahrplan."),
    TimeToBeConfirmedNoted => ("Time to be confirmed ({}).", "Zeit noch offen ({})."),
    TimeToBeConfirmedSentence => ("Time to be confirmed.", "Zeit noch offen."),

    // The time-zone bar.
    TimeZone => ("Time zone", "Zeitzone"),
    TimesAreIn => ("Times are in {} — {}.", "Zeiten in {} — {}."),
    EventTimeOf => ("event time, {}", "Veranstaltungszeit, {}"),
    YourTimeOf => ("your time, {}", "deine Zeit, {}"),
    DeviceIsOn => (" Your device is on {} ({}).", " Dein Gerät zeigt {} ({})."),
    ShowMyTime => ("Show my time", "Meine Zeit zeigen"),
    ShowTimesIn => ("Show times in", "Zeiten zeigen in"),
    EventTime => ("Event time", "Veranstaltungszeit"),
    MyTime => ("My time", "Meine Zeit"),
    OtherZone => ("Other zone…", "Andere Zone…"),
    ZoneCityOrName => ("Time zone (city or name)", "Zeitzone (Stadt oder Name)"),
    ZoneExample => ("e.g. Tokyo", "z. B. Tokyo"),
    Show => ("Show", "Zeigen"),
    NotAZone => ("“{}” is not a time zone. Pick one from the list, e.g. Asia/Tokyo.", "„{}“ ist keine Zeitzone. Wähle eine aus der Liste, z. B. Asia/Tokyo."),

    // The agenda and "now / next".
    DateIn => ("{} date", "Datum in {}"),
    BeforeTheEvent => ("Before the event", "Vor der Veranstaltung"),
    TimeToBeConfirmed => ("time to be confirmed", "Zeit noch offen"),
    TitleTimeToBeConfirmed => ("{} (time to be confirmed)", "{} (Zeit noch offen)"),
    Starts => ("Starts", "Beginn"),
    Now => ("Now", "Jetzt"),
    Next => ("Next", "Danach"),
    Until => ("{} (until {})", "{} (bis {})"),
    NoMoreSessionsToday => ("No more sessions today.", "Heute kommt nichts mehr."),
    EventHasEnded => ("This event has ended.", "Diese Veranstaltung ist vorbei."),
    JumpToNow => ("Jump to now", "Zu jetzt springen"),

    // Topics, places, information, contacts, hosts.
    When => ("When:", "Wann:"),
    Where => ("Where:", "Wo:"),
    ProposedBy => ("Proposed by", "Vorgeschlagen von"),
    MapsApp => ("Maps app", "Karten-App"),
    Website => ("Website", "Website"),
    Venue => ("Venue", "Veranstaltungsort"),
    Hotel => ("Hotel", "Hotel"),
    Restaurant => ("Restaurant", "Restaurant"),
    MeetingPoint => ("Meeting point", "Treffpunkt"),
    Transport => ("Transport", "Anreise"),
    Place => ("Place", "Ort"),
    GoodToKnow => ("Good to know", "Gut zu wissen"),
    QuestionsAskUs => ("Questions? Ask us", "Fragen? Frag uns"),
    Profile => ("Profile", "Profil"),
    Email => ("E-mail", "E-Mail"),
    OfWhom => (" of {}", " von {}"),
    HostedBy => ("Hosted by", "Gastgeber"),

    // The map and the way there.
    MapOfThePlaces => ("Map of the places", "Karte der Orte"),
    MapKeys => ("Arrow keys move the map, + and − zoom; the numbers are the places listed below.", "Pfeiltasten verschieben die Karte, + und − zoomen; die Nummern sind die Orte unten."),
    MapConsent => ("Map tiles come from {}, which then sees your IP address and the area you view. Until then, the places are drawn from their coordinates.", "Die Kacheln kommen von {}, das dann deine IP-Adresse und den gezeigten Ausschnitt sieht. Bis dahin sind die Orte nach ihren Koordinaten gezeichnet."),
    ShowMap => ("Show map", "Karte zeigen"),
    AlwaysShowMaps => ("Always show maps from there on this device", "Karten von dort auf diesem Gerät immer zeigen"),
    PrivacyPolicy => ("Privacy policy", "Datenschutzerklärung"),
    StopMaps => ("Stop loading map tiles", "Keine Kacheln mehr laden"),
    MapFailed => ("The map tiles could not be loaded; the places are drawn at their true positions.", "Die Kacheln konnten nicht geladen werden; die Orte sind an ihrer wahren Lage gezeichnet."),
    ZoomIn => ("Zoom in", "Vergrößern"),
    ZoomOut => ("Zoom out", "Verkleinern"),
    North => ("North is up", "Norden ist oben"),
    OpenInMaps => ("Open in {}", "In {} öffnen"),
    MoreWaysThere => ("Directions, other maps apps", "Wegbeschreibung, andere Karten-Apps"),
    WalkFromHotel => ("Walk from the hotel", "Fußweg vom Hotel"),
    CopyAddress => ("Copy address", "Adresse kopieren"),
    Copied => ("Address copied", "Adresse kopiert"),
    DistanceFrom => ("{} from {}", "{} von {}"),
    WalkMinutes => ("≈ {} min walk", "≈ {} Min. zu Fuß"),
    TooFarToWalk => ("a long walk: public transport is quicker", "weit zu Fuß: mit Bus und Bahn geht es schneller"),
    LocationToBeAnnounced => ("Location to be announced", "Ort wird noch bekannt gegeben"),

    // The sign-up sheets.
    NobodyYet => ("Nobody has signed up yet.", "Noch hat sich niemand eingetragen."),
    SignedUpOne => ("1 person signed up", "1 Person eingetragen"),
    SignedUpOther => ("{} people signed up", "{} Personen eingetragen"),
    SeatsLeftOne => ("1 seat left", "noch 1 Platz frei"),
    SeatsLeftOther => ("{} seats left", "noch {} Plätze frei"),
    TopicFull => ("full", "voll"),
    HiddenOne => ("and 1 more", "und 1 weitere Person"),
    HiddenOther => ("and {} more", "und {} weitere"),
    You => ("{} (you)", "{} (du)"),
    Join => ("Join", "Mitmachen"),
    Leave => ("Leave", "Austragen"),
    Joining => ("Joining…", "Wird eingetragen…"),
    Leaving => ("Leaving…", "Wird ausgetragen…"),
    YouAreIn => ("You are in", "Du bist dabei"),
    YourName => ("Your name on the sheets", "Dein Name auf den Listen"),
    NameOnce => ("Asked once; this device remembers it.", "Nur einmal gefragt; dieses Gerät merkt ihn sich."),
    HideMyName => ("Count me, but hide my name", "Mitzählen, aber Namen nicht zeigen"),
    NameHidden => ("your name is hidden", "dein Name wird nicht gezeigt"),
    Cancel => ("Cancel", "Abbrechen"),
    MyTopics => ("My topics", "Meine Themen"),
    SignedUpAs => ("On the sheets as {}.", "Auf den Listen als {}."),
    ChangeName => ("Change name", "Namen ändern"),
    NameEmpty => ("Please type a name.", "Bitte einen Namen eingeben."),
    NameTooLong => ("At most {} characters, please.", "Bitte höchstens {} Zeichen."),
    NameInvisible => ("The name has invisible characters; please type it again.", "Der Name enthält unsichtbare Zeichen; bitte neu eintippen."),
    FullNow => ("This topic is full — you are not on it.", "Dieses Thema ist voll — du bist nicht eingetragen."),
    AlreadyThere => ("“{}” is already on this topic. From another device? Leave there, or use another name.", "„{}“ steht schon auf dieser Liste. Von einem anderen Gerät? Dort austragen oder einen anderen Namen nehmen."),
    EventFull => ("This event takes no more sign-ups.", "Diese Veranstaltung nimmt keine Eintragungen mehr an."),
    TooManyWait => ("Too many sign-ups from your network right now. Try again in {} s.", "Gerade zu viele Eintragungen aus deinem Netz. In {} s noch einmal versuchen."),
    OfflineNotJoined => ("No connection — nothing changed. Try again when you have signal.", "Keine Verbindung — nichts geändert. Noch einmal versuchen, wenn du Empfang hast."),
    SheetFailed => ("The sign-up sheet did not answer ({}). Nothing changed; try again.", "Die Eintragungsliste hat nicht geantwortet ({}). Nichts geändert; bitte noch einmal versuchen."),
    LiveSheets => ("Shared sheets: everyone sees who joins, live.", "Gemeinsame Listen: alle sehen live, wer mitmacht."),
    SheetsOffline => ("Offline — the sheets show what they showed last; joining needs a connection.", "Offline — die Listen zeigen den letzten Stand; Eintragen braucht eine Verbindung."),
    Interested => ("Interested", "Interessiert"),
    MarksStayHere => ("Your marks stay on this device — they are not shared with anyone.", "Deine Markierungen bleiben auf diesem Gerät — niemand sonst sieht sie."),
    SheetsUnreachable => ("The shared sheets cannot be reached right now, so marks stay on this device.", "Die gemeinsamen Listen sind gerade nicht erreichbar, darum bleiben Markierungen auf diesem Gerät."),
    SignUpElsewhere => ("Sign up on the shared sheet", "Auf der gemeinsamen Liste eintragen"),

    // When the event cannot be shown.
    CannotBeShown => ("This event cannot be shown", "Diese Veranstaltung kann nicht gezeigt werden"),
    MaybeMistyped => ("The address may be mistyped, or the event was removed.", "Vielleicht ist die Adresse falsch geschrieben, oder die Veranstaltung wurde entfernt."),
    SeeAllEvents => ("See all events", "Alle Veranstaltungen"),
    CheckConnection => ("Check your connection and try again.", "Bitte die Verbindung prüfen und es noch einmal versuchen."),
    TryAgain => ("Try again", "Noch einmal versuchen"),
    CouldNotLoad => ("Could not load {}: {}", "{} konnte nicht geladen werden: {}"),
    NoEventFileAt => ("There is no event file at {}.", "Unter {} gibt es keine Veranstaltungsdatei."),
    HttpStatus => ("Loading {} failed with HTTP status {}.", "Das Laden von {} ist mit HTTP-Status {} gescheitert."),
    FileHasProblemsOne => ("The event file {} has {} problem.", "Die Veranstaltungsdatei {} hat {} Fehler."),
    FileHasProblemsOther => ("The event file {} has {} problems.", "Die Veranstaltungsdatei {} hat {} Fehler."),
    FileHasProblems => ("The event file {} has problems.", "Die Veranstaltungsdatei {} hat Fehler."),
    RequestFailed => ("the request failed", "die Anfrage ist gescheitert"),
    FirstProblemOnly => ("This is the first problem; the full list needs the organizer checker, and {}.", "Das ist der erste Fehler; die ganze Liste braucht die Prüfung fürs Orga-Team, und {}."),
    WholeFile => ("(file)", "(Datei)"),
    LineColumn => ("line {}, column {}", "Zeile {}, Spalte {}"),
    ProblemsIn => ("Problems in", "Fehler in"),
    FixThenReload => ("For organizers: fix these in the event file, then reload.", "Fürs Orga-Team: diese Fehler in der Veranstaltungsdatei beheben, dann neu laden."),
    PrintsTheSameList => ("prints the same list.", "gibt dieselbe Liste aus."),
    OpenInPreviewEditor => ("Open in the preview editor", "Im Vorschau-Editor öffnen"),
    PageNotFound => ("Page not found", "Seite nicht gefunden"),
    NothingHere => ("There is nothing at this address.", "Unter dieser Adresse gibt es nichts."),

    // The list of events.
    Events => ("Events", "Veranstaltungen"),
    Upcoming => ("Upcoming", "Demnächst"),
    Past => ("Past", "Vergangen"),
    NoUpcomingEvents => ("No upcoming events yet.", "Noch keine Veranstaltungen geplant."),
    NoPastEvents => ("No past events.", "Keine vergangenen Veranstaltungen."),
    LoadingEvents => ("Loading events…", "Veranstaltungen werden geladen…"),
}

/// `template` with each `{}` replaced by the next of `values` (a missing value leaves nothing).
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut pieces = template.split("{}");
    if let Some(first) = pieces.next() {
        out.push_str(first);
    }
    for piece in pieces {
        out.push_str(values.next().copied().unwrap_or(""));
        out.push_str(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    #[test]
    fn values_fill_the_gaps_in_order() {
        assert_eq!(
            fill("{} (until {})", &["Welcome", "10:30"]),
            "Welcome (until 10:30)"
        );
        assert_eq!(fill("no gaps", &["x"]), "no gaps");
        assert_eq!(fill("{} and {}", &["one"]), "one and ");
    }

    #[test]
    fn every_message_has_the_same_gaps_in_both_languages() {
        for message in Message::ALL {
            let gaps = |language| message.text(language).matches("{}").count();
            assert_eq!(gaps(Language::En), gaps(Language::De), "{message:?}");
        }
    }

    /// Words that are the same in both languages, so the German page may show them.
    const SAME_IN_GERMAN: [&str; 3] = ["Hotel", "Restaurant", "Website"];

    #[test]
    fn every_german_message_is_german() {
        for message in Message::ALL {
            let (en, de) = (message.text(Language::En), message.text(Language::De));
            assert!(!de.trim().is_empty(), "{message:?} has no German");
            assert!(
                en != de || SAME_IN_GERMAN.contains(&en),
                "{message:?} is English in German: {de}"
            );
        }
    }
}
