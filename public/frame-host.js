// For a host page that embeds the hub in an iframe:
//   <iframe data-event-hub src="https://hub.example/hub/frame.html?event=/hub/events/ID.json&lang=de"
//           title="Agenda" style="width: 100%; border: 0"></iframe>
//   <script defer src="https://hub.example/hub/frame-host.js"></script>
// Every such iframe's height follows its content. Only messages from that iframe's own window
// and origin are believed, and the hello goes to that origin alone. A classic script, not a
// module: a module from the hub's host would need that host to allow the page's origin (CORS).
{
  for (const frame of document.querySelectorAll("iframe[data-event-hub]")) {
    const origin = new URL(frame.src, location.href).origin;
    const hello = () => frame.contentWindow?.postMessage({ type: "event-hub:hello" }, origin);
    addEventListener("message", (message) => {
      if (message.source !== frame.contentWindow || message.origin !== origin) return;
      const height = message.data?.height;
      if (message.data?.type === "event-hub:height" && Number.isFinite(height) && height >= 0) {
        frame.style.height = `${height}px`;
      }
    });
    frame.addEventListener("load", hello);
    hello();
  }
}
