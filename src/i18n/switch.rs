//! The EN / DE switch: one button per interface language, the current one pressed. Choosing
//! builds the page anew in that language (`crate::mount_once::mount_each`), so the focus moves to
//! the same button of the new page.

use event_model::{Language, Message};
use leptos::prelude::*;

use super::{LanguageSettings, Words};

/// The language switch; nothing outside a page that provides [`LanguageSettings`].
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let settings = use_context::<LanguageSettings>()?;
    let words = Words::current();
    let buttons = Language::ALL
        .into_iter()
        .map(|language| {
            let code = language.code();
            let id = format!("eh-lang-{code}");
            let choose = {
                let id = id.clone();
                move |click: web_sys::MouseEvent| {
                    if settings.chosen.get_untracked() == language {
                        return;
                    }
                    // The tree the button is in (the document, or an embedded hub's shadow
                    // root) outlives the button, which the new page replaces.
                    let tree = click.target().and_then(|target| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(target)
                            .ok()
                            .map(|node| node.get_root_node())
                    });
                    settings.choose(language);
                    let id = id.clone();
                    request_animation_frame(move || {
                        let button = tree
                            .and_then(|tree| crate::dom::by_id(&tree, &id))
                            .and_then(|e| {
                                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                            });
                        if let Some(button) = button {
                            let _ = button.focus();
                        }
                    });
                }
            };
            view! {
                <button
                    type="button"
                    class="eh-lang__button"
                    id=id
                    lang=code
                    aria-pressed=(language == words.0).to_string()
                    on:click=choose
                >
                    <span aria-hidden="true">{code.to_ascii_uppercase()}</span>
                    <span class="eh-visually-hidden">{language.name()}</span>
                </button>
            }
        })
        .collect_view();
    Some(view! {
        <div class="eh-lang" role="group" aria-label=words.say(Message::Language)>
            {buttons}
        </div>
    })
}
