// The event hub in any web page, in two lines:
//   <script type="module" src="/hub/embed.js"></script>
//   <event-hub data-event="/hub/events/scs-hackathon-3.json" lang="de"></event-hub>
// Each <event-hub> renders inside its own shadow root with the hub's stylesheet, so the host's
// CSS cannot reach in and the hub's cannot leak out. This file keeps its name across builds;
// `cargo xtask build` writes this build's hashed file names into it, loaded relative to it.
const file = (name) => new URL(name, import.meta.url).href;
const STYLE = file("__CSS__");
const LOADING = { de: "Die Veranstaltung wird geladen…", en: "Loading the event…" };
let app;
const load = () =>
  (app ??= import(file("__MODULE__")).then(async (module) => {
    await module.default({ module_or_path: file("__WASM__") });
    return module;
  }));

class EventHub extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return; // moved within the page: already showing
    const shadow = this.attachShadow({ mode: "open" });
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = STYLE;
    const styled = new Promise((done) => (style.onload = style.onerror = done));
    const root = document.createElement("div");
    root.className = "event-hub eh-embedded";
    root.dataset.event = this.dataset.event ?? "";
    const lang = (this.lang || this.closest("[lang]")?.lang || "").slice(0, 2).toLowerCase();
    if (lang) root.dataset.lang = lang;
    const note = document.createElement("p");
    note.setAttribute("role", "status");
    note.textContent = LOADING[lang] ?? LOADING.en;
    root.append(note);
    shadow.append(style, root);
    if (!root.dataset.event) console.error("<event-hub>: no data-event names the event file");
    Promise.all([load(), styled])
      .then(([module]) => module.mount_embedded(root))
      .catch((error) => {
        note.textContent = `The event hub could not start: ${error.message}`;
        console.error(error);
      });
    // Offline for the host's page only when the host opts in with its own copy of the worker.
    const worker = this.dataset.serviceWorker;
    if (worker && "serviceWorker" in navigator) {
      navigator.serviceWorker.register(worker).catch((error) => console.error(error));
    }
  }
}

if (!customElements.get("event-hub")) customElements.define("event-hub", EventHub);
