// The hub inside an iframe (frame.html). `?event=` names the event file — a path on this host
// only, so the frame never lends its address to someone else's file — and `?lang=` the language.
// The frame's height goes to the page that embeds it, once that page said hello (frame-host.js),
// and only to that page's origin.
const params = new URLSearchParams(location.search);
const hub = document.querySelector("event-hub");
const event = params.get("event") ?? "";
if (event.startsWith("/") && !event.startsWith("//")) hub.dataset.event = event;
const lang = params.get("lang");
if (lang) hub.lang = lang;

let host = null;
const send = () => {
  if (!host) return;
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  parent.postMessage({ type: "event-hub:height", height }, host);
};
addEventListener("message", (message) => {
  if (message.source !== parent || parent === window) return;
  if (message.data?.type !== "event-hub:hello") return;
  host = message.origin;
  send();
});
new ResizeObserver(send).observe(document.documentElement);
