// The sandbox page: polls the emulator's control endpoints and draws one phone per customer.
// Plain browser JavaScript (no build step); every text from messages goes in as textContent.

const phonesEl = document.getElementById("phones");
const webhooksEl = document.getElementById("webhooks");
const numbersEl = document.getElementById("numbers");
/** Phones opened by hand before any message: key -> {phoneNumberId, customer, businessName}. */
const opened = new Map();
/** Drawn phones: key -> {root, bar, thread, signature}. */
const drawn = new Map();
const STATUS_MARK = { accepted: "🕓", sent: "✓", delivered: "✓✓", read: "✓✓", failed: "✗" };

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(json.error?.message ?? `HTTP ${response.status}`);
  return json;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) if (child !== undefined && child !== null) node.append(child);
  return node;
}

/** Sends what the customer did as an inbound message (POST /_emulator/inbound). */
function inbound(chat, fields) {
  return api("POST", "/_emulator/inbound", { from: chat.customer, to: chat.phoneNumberId, ...fields })
    .then(poll)
    .catch((error) => alert(error.message));
}

function mediaNode(media) {
  if (media.kind === "image" || media.kind === "sticker")
    return el("img", { src: media.url, alt: media.caption ?? "" });
  if (media.kind === "video") return el("video", { src: media.url, controls: true });
  if (media.kind === "audio")
    return el(
      "div",
      {},
      media.voice ? "🎤 voice note" : "🎵 audio",
      el("audio", { src: media.url, controls: true }),
    );
  return el("a", { href: media.url, textContent: `📄 ${media.kind}`, target: "_blank" });
}

function bubbleNode(chat, bubble) {
  const node = el("div", { className: `bubble ${bubble.direction}` });
  node.dataset.id = bubble.id;
  node.dataset.type = bubble.type;
  if (bubble.header) node.append(el("div", { className: "header", textContent: bubble.header }));
  if (bubble.media) node.append(mediaNode(bubble.media));
  if (bubble.media?.caption) node.append(el("div", { textContent: bubble.media.caption }));
  if (bubble.text) node.append(el("div", { className: "text", textContent: bubble.text }));
  if (bubble.footer) node.append(el("div", { className: "footer", textContent: bubble.footer }));
  if (bubble.buttons.length) {
    const buttons = el("div", { className: "buttons" });
    for (const button of bubble.buttons) {
      if (button.url)
        buttons.append(el("a", { href: button.url, target: "_blank", textContent: `↗ ${button.title}` }));
      else if (button.reply)
        buttons.append(
          el("button", {
            type: "button",
            textContent: button.title,
            onclick: () => inbound(chat, { ...button.reply, context: { id: bubble.id } }),
          }),
        );
      else buttons.append(el("button", { type: "button", textContent: button.title, disabled: true }));
    }
    node.append(buttons);
  }
  const time = new Date(bubble.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const meta = el("div", { className: "meta" }, time);
  if (bubble.direction === "out") {
    const mark = el("span", {
      className: `status ${bubble.status}`,
      textContent: ` ${STATUS_MARK[bubble.status] ?? ""} ${bubble.status}${bubble.errorCode ? ` ${bubble.errorCode}` : ""}`,
    });
    meta.append(mark);
  }
  node.append(meta);
  return node;
}

function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",")[1] ?? "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function mediaKind(mime) {
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("video/")) return "video";
  if (mime.startsWith("audio/")) return "audio";
  return "document";
}

/** A one-second tone as WAV: the voice note sent when the browser gives no microphone. */
function sampleVoiceNote() {
  const rate = 8000;
  const samples = new Uint8Array(rate);
  for (let i = 0; i < rate; i++) samples[i] = 128 + Math.round(60 * Math.sin((2 * Math.PI * 440 * i) / rate));
  const header = new DataView(new ArrayBuffer(44));
  const text = (offset, s) => {
    for (let i = 0; i < s.length; i++) header.setUint8(offset + i, s.charCodeAt(i));
  };
  text(0, "RIFF");
  header.setUint32(4, 36 + rate, true);
  text(8, "WAVEfmt ");
  header.setUint32(16, 16, true);
  header.setUint16(20, 1, true);
  header.setUint16(22, 1, true);
  header.setUint32(24, rate, true);
  header.setUint32(28, rate, true);
  header.setUint16(32, 1, true);
  header.setUint16(34, 8, true);
  text(36, "data");
  header.setUint32(40, rate, true);
  return new Blob([header.buffer, samples], { type: "audio/wav" });
}

/** Records from the microphone until pressed again; without one, sends the sample tone. */
function voiceButton(chat) {
  let recorder = null;
  const button = el("button", { type: "button", title: "Voice note", textContent: "🎤" });
  button.dataset.action = "voice";
  const send = async (blob) => {
    const data = await fileToBase64(blob);
    await inbound(chat, { audio: { data, mime_type: blob.type || "audio/ogg; codecs=opus", voice: true } });
  };
  button.onclick = async () => {
    if (recorder) {
      recorder.stop();
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      await send(sampleVoiceNote());
      return;
    }
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.ondataavailable = (event) => chunks.push(event.data);
    recorder.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      button.classList.remove("recording");
      const blob = new Blob(chunks, { type: recorder.mimeType });
      recorder = null;
      send(blob);
    };
    recorder.start();
    button.classList.add("recording");
  };
  return button;
}

function composer(chat) {
  const input = el("input", { type: "text", placeholder: "Message", name: "text" });
  const form = el("form", { className: "composer" });
  const file = el("input", { type: "file" });
  file.onchange = async () => {
    const picked = file.files?.[0];
    if (!picked) return;
    const kind = mediaKind(picked.type || "application/octet-stream");
    const media = { data: await fileToBase64(picked), mime_type: picked.type || "application/octet-stream" };
    if (kind === "document") media.filename = picked.name;
    file.value = "";
    await inbound(chat, { [kind]: media });
  };
  const attach = el("label", { title: "Photo, video or document" }, "📎", file);
  const send = el("button", { type: "submit", title: "Send", textContent: "➤" });
  form.onsubmit = (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    inbound(chat, { text });
  };
  form.append(attach, input, voiceButton(chat), send);
  return form;
}

function drawPhone(chat, typing) {
  const key = `${chat.phoneNumberId}:${chat.customer}`;
  let phone = drawn.get(key);
  if (!phone) {
    const bar = el("div", { className: "bar" });
    const thread = el("div", { className: "thread" });
    const root = el("div", { className: "phone" }, bar, thread, composer(chat));
    root.dataset.customer = chat.customer;
    root.dataset.phoneNumberId = chat.phoneNumberId;
    phonesEl.append(root);
    phone = { root, bar, thread, signature: "" };
    drawn.set(key, phone);
  }
  phone.bar.replaceChildren(
    el("strong", { textContent: chat.businessName }),
    `+${chat.customer}${chat.userId ? ` · ${chat.userId}` : ""}`,
    typing ? el("div", { className: "typing", textContent: "typing…" }) : "",
  );
  const signature = JSON.stringify(chat.bubbles);
  if (signature !== phone.signature) {
    phone.signature = signature;
    phone.thread.replaceChildren(...chat.bubbles.map((bubble) => bubbleNode(chat, bubble)));
    phone.thread.scrollTop = phone.thread.scrollHeight;
  }
}

function summary(payload) {
  const changes = (payload?.entry ?? []).flatMap((entry) => entry.changes ?? []);
  return changes
    .map((change) => {
      const value = change.value ?? {};
      if (value.statuses) return value.statuses.map((s) => `status ${s.status}`).join(", ");
      if (value.messages) return value.messages.map((m) => `message ${m.type}`).join(", ");
      return change.field;
    })
    .join("; ");
}

function drawWebhooks(deliveries) {
  const rows = deliveries
    .slice()
    .reverse()
    .map((d) => {
      const redeliver = el("button", {
        type: "button",
        textContent: "redeliver",
        onclick: () => api("POST", `/_emulator/webhooks/${d.id}/redeliver`).then(poll),
      });
      const row = el(
        "tr",
        {},
        el("td", { textContent: String(d.id) }),
        el("td", { textContent: summary(d.payload) }),
        el("td", {
          className: d.status,
          textContent: `${d.status}${d.lastStatusCode ? ` ${d.lastStatusCode}` : ""}`,
        }),
        el("td", { textContent: String(d.attempts) }),
        el("td", {}, redeliver),
      );
      row.dataset.id = String(d.id);
      return row;
    });
  webhooksEl.replaceChildren(...rows);
}

async function poll() {
  const [chats, webhooks, typing] = await Promise.all([
    api("GET", "/_emulator/chats"),
    api("GET", "/_emulator/webhooks?limit=50"),
    api("GET", "/_emulator/typing"),
  ]);
  const shown = new Set();
  for (const chat of chats.data) {
    const key = `${chat.phoneNumberId}:${chat.customer}`;
    shown.add(key);
    drawPhone(
      chat,
      typing.data.some((t) => t.phoneNumberId === chat.phoneNumberId && t.waId === chat.customer),
    );
  }
  for (const [key, chat] of opened) if (!shown.has(key)) drawPhone({ ...chat, bubbles: [] }, false);
  drawWebhooks(webhooks.data);
}

async function start() {
  const info = await api("GET", "/_emulator/info");
  document.getElementById("webhook-url").textContent = info.webhookUrl
    ? `→ ${info.webhookUrl}`
    : "(no webhook URL set)";
  const names = new Map();
  for (const waba of info.wabas)
    for (const number of waba.phoneNumbers) {
      names.set(number.id, number.verified_name ?? number.id);
      numbersEl.append(
        el("option", { value: number.id, textContent: `${number.display_phone_number} (${number.id})` }),
      );
    }
  document.getElementById("new-chat").onsubmit = (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const customer = String(form.get("from")).replace(/\D/g, "");
    const phoneNumberId = String(form.get("to"));
    opened.set(`${phoneNumberId}:${customer}`, {
      phoneNumberId,
      customer,
      businessName: names.get(phoneNumberId),
    });
    poll();
  };
  await poll();
  setInterval(() => poll().catch(() => {}), 1000);
}

start();
