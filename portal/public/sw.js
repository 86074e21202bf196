// Charla's service worker: makes the portal an installable app and shows Web Push notices
// (a conversation assigned to the agent, a mention in a note); a click opens that conversation.
// The portal is always read from the network (it is served by Charla itself); when the network is
// gone, navigations get a small offline page instead of the browser's error.

const OFFLINE_HTML = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Charla</title><body style="font-family:system-ui;padding:2rem;color:#1a1b1e"><h1>Charla</h1><p>No connection. The inbox comes back when the network does.</p><p>Sin conexión · Sem conexão</p></body></html>`;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.mode !== "navigate") return;
  event.respondWith(
    fetch(request).catch(
      () => new Response(OFFLINE_HTML, { headers: { "content-type": "text/html; charset=utf-8" } }),
    ),
  );
});

self.addEventListener("push", (event) => {
  let notice = { title: "Charla", body: "", url: "/conversations", tag: "charla" };
  try {
    notice = { ...notice, ...event.data.json() };
  } catch {
    if (event.data) notice.body = event.data.text();
  }
  event.waitUntil(
    self.registration.showNotification(notice.title, {
      body: notice.body,
      tag: notice.tag,
      renotify: true,
      icon: "/icons/icon-192.png",
      badge: "/icons/badge-96.png",
      data: { url: notice.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url ?? "/conversations", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      // An open portal goes to the conversation; otherwise a new window (or the installed app) opens it.
      for (const client of windows) {
        if (new URL(client.url).origin !== self.location.origin) continue;
        await client.focus();
        if ("navigate" in client) return client.navigate(target);
      }
      return self.clients.openWindow(target);
    })(),
  );
});
