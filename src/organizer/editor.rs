//! `/edit`: the organizers' preview editor. Load the published event file or paste one, edit it
//! with line numbers, see every problem (warnings too) update as you type with a click to jump to
//! its line, and the rendered page beside it. Nothing leaves the browser; "Download" saves the file.

use std::sync::Arc;

use event_model::{check_event, Checked, Event, Problem, Severity};
use leptos::html::Textarea;
use leptos::prelude::*;

use super::words::{counted, EditorMessage as M};
use crate::components::event_view::EventView;
use crate::components::problem_message::ProblemMessage;
use crate::download::download_text;
use crate::i18n::switch::LanguageSwitch;
use crate::i18n::Words;
use crate::load::fetch_text;
use crate::on_demand::EventFile;
use crate::zones::IntlZones;

/// The file the editor opens when the address names none.
const DEFAULT_FILE: &str = "/events/scs-hackathon-3.json";

/// How long typing must pause before the file is checked again.
const DEBOUNCE_MS: u64 = 250;

/// The editor page.
#[component]
pub fn Editor(
    /// The file and the text being edited, kept outside so a switch of language, which builds
    /// the editor anew, loses nothing typed.
    draft: Draft,
) -> impl IntoView {
    let language = Words::current().0;
    let say = move |message: M| message.text(language);
    let Draft { file, text } = draft;
    let (set_file, set_text) = (file.write_only(), text.write_only());
    let (status, set_status) = signal(String::new());
    let checked = RwSignal::new(None::<Checked<Event>>);
    // The last valid version, with its text for "Add to calendar" in the preview.
    let preview = RwSignal::new(None::<(Arc<Event>, Arc<str>)>);
    let textarea = NodeRef::<Textarea>::new();

    let check_now = move || {
        let result = check_event(&text.get_untracked(), &IntlZones);
        if let Some(event) = &result.value {
            preview.set(Some((
                Arc::new(event.clone()),
                text.with_untracked(|t| Arc::from(t.as_str())),
            )));
        }
        checked.set(Some(result));
    };
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let check_soon = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle =
            set_timeout_with_handle(check_now, std::time::Duration::from_millis(DEBOUNCE_MS)).ok();
        pending.set_value(handle);
    };
    let load = move |url: String| {
        set_status.set(M::LoadingFile.fill(language, &[&url]));
        leptos::task::spawn_local(async move {
            match fetch_text(&url).await {
                Ok(body) => {
                    set_text.set(body);
                    set_status.set(M::LoadedFile.fill(language, &[&url]));
                    check_now();
                }
                Err(error) => set_status.set(error.to_string()),
            }
        });
    };
    if text.with_untracked(String::is_empty) {
        load(file.get_untracked());
    } else {
        check_now();
    }

    let jump = move |problem: &Problem| {
        let Some(area) = textarea.get() else { return };
        let (line, column) = problem.position.unwrap_or((1, 1));
        let value = area.value();
        let offset = char_offset(&value, line, column);
        let _ = area.focus();
        let _ = area.set_selection_range(offset, offset);
        // Put the line near the top: browsers only scroll a selection just into view.
        let line_height = 20.0;
        area.set_scroll_top(((line.saturating_sub(3)) as f64 * line_height) as i32);
    };

    let line_numbers = move || {
        let lines = text.with(|t| t.lines().count().max(1) + usize::from(t.ends_with('\n')));
        (1..=lines)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let gutter = NodeRef::<leptos::html::Pre>::new();
    let sync_scroll = move |_| {
        if let (Some(area), Some(gutter)) = (textarea.get(), gutter.get()) {
            gutter.set_scroll_top(area.scroll_top());
        }
    };

    let problems = move || {
        let Some(checked) = checked.get() else {
            return view! { <p class="eh-muted">{say(M::Checking)}</p> }.into_any();
        };
        if checked.problems.is_empty() {
            return view! { <p class="eh-editor__ok" role="status">{say(M::NoProblems)}</p> }
                .into_any();
        }
        let errors = checked.problems.iter().filter(|p| p.is_error()).count();
        let warnings = checked.problems.len() - errors;
        let items = checked
            .problems
            .into_iter()
            .map(|problem| {
                let label = match problem.severity {
                    Severity::Error => say(M::Error),
                    Severity::Warning => say(M::Warning),
                };
                let path = if problem.path.is_empty() { say(M::WholeFile).to_owned() } else { problem.path.clone() };
                let line = problem
                    .position
                    .map(|(l, c)| M::LineColumn.fill(language, &[&l.to_string(), &c.to_string()]))
                    .unwrap_or_default();
                let message = problem.message.clone();
                let warning = problem.severity == Severity::Warning;
                view! {
                    <li class="eh-problem" class:eh-problem--warning=warning>
                        <button type="button" class="eh-problem__jump" on:click=move |_| jump(&problem)>
                            <span class="eh-visually-hidden">{label} ": "</span>
                            <code class="eh-problem__path">{path}</code>
                            " "
                            <span class="eh-problem__line">{line}</span>
                            " "
                            <ProblemMessage text=message/>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p role="status">{M::Counts.fill(language, &[
                &counted(errors, M::ErrorsOne, M::ErrorsOther, language),
                &counted(warnings, M::WarningsOne, M::WarningsOther, language),
            ])}</p>
            <ol class="eh-problems__list">{items}</ol>
        }
        .into_any()
    };

    let download = move |_| {
        let name = file.with(|f| f.rsplit('/').next().unwrap_or("event.json").to_owned());
        if let Err(error) = download_text(&name, "application/json", &text.get_untracked()) {
            set_status.set(M::CouldNotDownload.fill(language, &[&error]));
        }
    };

    view! {
        <main class="eh-main eh-editor">
            <div class="eh-editor__top">
                <h1 class="eh-list-title">{say(M::EditorTitle)}</h1>
                <LanguageSwitch/>
            </div>
            <p class="eh-muted">{say(M::EditorIntro)}</p>
            <form class="eh-editor__load" on:submit=move |ev| {
                ev.prevent_default();
                load(file.get_untracked());
            }>
                <label class="eh-field" for="eh-editor-file">
                    {say(M::FileAddress)}
                    <input id="eh-editor-file" class="eh-input" prop:value=file on:input=move |ev| set_file.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="eh-button">{say(M::Load)}</button>
                <button type="button" class="eh-button eh-button--primary" on:click=download>{say(M::Download)}</button>
            </form>
            <p class="eh-muted" role="status" aria-live="polite">{status}</p>
            <div class="eh-editor__layout">
                <div class="eh-editor__source">
                    <label class="eh-field" for="eh-editor-text">{say(M::FileText)}</label>
                    <div class="eh-editor__code">
                        <pre class="eh-editor__gutter" aria-hidden="true" node_ref=gutter>{line_numbers}</pre>
                        <textarea
                            id="eh-editor-text"
                            class="eh-editor__text"
                            node_ref=textarea
                            spellcheck="false"
                            autocapitalize="off"
                            autocomplete="off"
                            wrap="off"
                            prop:value=text
                            on:input=move |ev| {
                                set_text.set(event_target_value(&ev));
                                check_soon();
                            }
                            on:scroll=sync_scroll
                        ></textarea>
                    </div>
                </div>
                // Beside the code on a wide screen, so problems show while typing; below it on a phone.
                <section class="eh-problems" aria-labelledby="eh-editor-problems" aria-live="polite">
                    <h2 id="eh-editor-problems">{say(M::Problems)}</h2>
                    {problems}
                </section>
                <section class="eh-editor__preview" aria-labelledby="eh-editor-preview">
                    <h2 id="eh-editor-preview" class="eh-editor__preview-title">
                        {say(M::Preview)}
                        <Show when=move || checked.with(|c| c.as_ref().is_some_and(|c| c.value.is_none())) && preview.with(Option::is_some)>
                            <span class="eh-tag">{say(M::LastValidVersion)}</span>
                        </Show>
                    </h2>
                    {move || match preview.get() {
                        Some((event, text)) => {
                            provide_context(EventFile(text));
                            let mut event = (*event).clone();
                            event.localize(language.code());
                            let event = Arc::new(event);
                            view! { <EventView event preview=true/> }.into_any()
                        }
                        None => view! { <p class="eh-muted">{say(M::PreviewAppears)}</p> }.into_any(),
                    }}
                </section>
            </div>
        </main>
    }
}

/// What the organizer is editing: the file's address and its text.
#[derive(Debug, Clone, Copy)]
pub struct Draft {
    pub file: RwSignal<String>,
    pub text: RwSignal<String>,
}

impl Draft {
    /// The file the address names (`?file=…`), else the sample; its text is fetched by the editor.
    pub fn new() -> Draft {
        Draft {
            file: RwSignal::new(file_in_address().unwrap_or_else(|| DEFAULT_FILE.to_owned())),
            text: RwSignal::new(String::new()),
        }
    }
}

impl Default for Draft {
    fn default() -> Draft {
        Draft::new()
    }
}

/// `?file=…` from the address bar: the file to open.
fn file_in_address() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get("file").filter(|file| !file.trim().is_empty())
}

/// The UTF-16 offset of 1-based `line`:`column` (columns count characters), for textarea selection.
pub fn char_offset(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0usize;
    for (index, content) in text.split('\n').enumerate() {
        if index + 1 == line {
            let within: usize = content
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf16)
                .sum();
            return u32::try_from(offset + within).unwrap_or(u32::MAX);
        }
        offset += content.encode_utf16().count() + 1;
    }
    u32::try_from(offset).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::char_offset;

    #[test]
    fn offsets_count_lines_and_utf16_units() {
        let text = "{\n  \"title\": \"Straße\",\n  \"x\": 1\n}";
        assert_eq!(char_offset(text, 1, 1), 0);
        assert_eq!(char_offset(text, 2, 3), 4);
        // "{" and its newline, the 20 characters of the title line and its newline, two spaces.
        assert_eq!(char_offset(text, 3, 3), 2 + 21 + 2);
        assert_eq!(char_offset("😀a\nb", 1, 2), 2);
    }
}
