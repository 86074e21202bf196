import { execFile } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { botSessions } from "./schema.ts";
import { transcribe } from "./voice.ts";

const run = promisify(execFile);

type Message = {
  id: string;
  direction: string;
  type: string;
  status: string;
  wamid: string | null;
  createdAt: string;
  // biome-ignore lint/suspicious/noExplicitAny: message contents are asserted field by field
  content: Record<string, any>;
};

/** A customer's voice note as WhatsApp records it: espeak-ng speaks, ffmpeg encodes OGG/Opus. */
async function speak(phrase: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), "charla-speak-"));
  try {
    await run("espeak-ng", ["-v", "en-us", "-s", "130", "-w", join(dir, "s.wav"), phrase]);
    await run("ffmpeg", [
      ...["-loglevel", "error", "-y", "-i", join(dir, "s.wav"), "-af", "adelay=300,apad=pad_dur=0.5"],
      ...["-c:a", "libopus", "-ar", "48000", "-ac", "1", join(dir, "s.ogg")],
    ]);
    return await readFile(join(dir, "s.ogg"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An OpenAI-compatible server: chat completions (answers from the documents in the prompt) and transcriptions. */
function startModelServer() {
  const chats: { messages: { role: string; content: string }[] }[] = [];
  const transcriptions: { model: string; prompt: string | null; bytes: number; filename: string }[] = [];
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on("data", (chunk) => parts.push(chunk));
    request.on("end", async () => {
      const raw = Buffer.concat(parts);
      const json = (body: unknown) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.url === "/v1/chat/completions") {
        const body = JSON.parse(raw.toString());
        chats.push(body);
        const system = body.messages[0].content as string;
        const answer = system.includes("9:00 to 18:00")
          ? "We open Monday to Friday, 9:00 to 18:00."
          : "NO_ANSWER";
        return json({ choices: [{ index: 0, message: { role: "assistant", content: answer } }] });
      }
      if (request.url === "/v1/audio/transcriptions") {
        const form = await new Response(new Uint8Array(raw), {
          headers: { "content-type": request.headers["content-type"] ?? "" },
        }).formData();
        const file = form.get("file") as File;
        transcriptions.push({
          model: String(form.get("model")),
          prompt: form.get("prompt") as string | null,
          bytes: file.size,
          filename: file.name,
        });
        const head = Buffer.from(await file.arrayBuffer())
          .subarray(0, 4)
          .toString("latin1");
        return json({ text: head === "OggS" ? "I would like an agent" : "" });
      }
      response.writeHead(404).end();
    });
  });
  return { server, chats, transcriptions };
}

/** Checks an OGG/Opus file: the OggS capture pattern and the OpusHead identification header. */
function expectOggOpus(data: Buffer) {
  expect(data.subarray(0, 4).toString("latin1")).toBe("OggS");
  const head = data.indexOf("OpusHead");
  expect(head).toBeGreaterThan(0);
  expect(data[head + 8]).toBe(1); // version
  expect(data[head + 9]).toBe(1); // one channel
  expect(data.indexOf("OpusTags")).toBeGreaterThan(head);
}

describeEachDatabase("bot voice notes, knowledge base and pacing", (kind) => {
  let h: Harness;
  let model: ReturnType<typeof startModelServer>;
  let base: string;
  beforeAll(async () => {
    model = startModelServer();
    await new Promise<void>((resolve) => model.server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(model.server.address() as AddressInfo).port}`;
    h = await startHarness(kind, {
      BOTS_STT_PROVIDER: "pocketsphinx",
      BOTS_LLM_URL: `${base}/v1/chat/completions`,
      BOTS_LLM_MODEL: "tiny-answers",
    });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    model?.server.close();
  });

  const flow = async (name: string, body: object) => {
    const created = await h.api("POST", "/v1/bots/flows", { name, ...body });
    expect(created.status).toBe(201);
    const published = await h.api("POST", `/v1/bots/flows/${created.body.id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    return created.body.id as string;
  };
  const say = async (from: string, input: Record<string, unknown>) => {
    const response = await fetch(`${h.sandbox.emulator.url}/_emulator/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from, to: h.number.phoneNumberId, ...input }),
    });
    expect(response.status).toBeLessThan(300);
  };
  const conversationOf = (from: string) =>
    eventually(async () =>
      (await h.api("GET", "/v1/conversations?limit=200")).body.data.find(
        (c: { contact: { phone: string } }) => c.contact.phone === `+${from}`,
      ),
    );
  const outbound = (conversationId: string, count: number, timeoutMs = 20_000) =>
    eventually(
      async () => {
        const all = (await h.api("GET", `/v1/messages?conversationId=${conversationId}&limit=100`)).body
          .data as Message[];
        const sent = all.filter((m) => m.direction === "outbound").reverse();
        return sent.length >= count ? sent : undefined;
      },
      { what: `${count} bot messages`, timeoutMs },
    );
  /** Downloads media the way Meta serves it: GET the media id for a URL, then GET the URL (both with the token). */
  const download = async (mediaId: string) => {
    const auth = { authorization: `Bearer ${h.sandbox.emulator.config.accessToken}` };
    const meta = (await (
      await fetch(`${h.sandbox.emulator.url}/v23.0/${mediaId}`, { headers: auth })
    ).json()) as {
      url: string;
    };
    const response = await fetch(meta.url, { headers: auth });
    expect(response.status).toBe(200);
    return {
      data: Buffer.from(await response.arrayBuffer()),
      mimeType: response.headers.get("content-type"),
    };
  };

  it("reports which speech and language providers this server has", async () => {
    const { status, body } = await h.api("GET", "/v1/bots/capabilities");
    expect(status).toBe(200);
    expect(body.transcription.provider).toBe("pocketsphinx");
    expect(body.transcription.pocketsphinx.available).toBe(true);
    expect(body.transcription.openai.available).toBe(false);
    expect(body.synthesis).toEqual({ provider: "espeak-ng", espeakNg: true, ffmpegOpus: true });
    expect(body.llm.available).toBe(true);
  });

  it("hears a voice note, takes the branch it names, and answers with an OGG/Opus voice note", async () => {
    await flow("Voice menu", {
      triggers: { keywords: ["hello"] },
      definition: {
        start: "menu",
        voice: { replies: "mirror", voice: "en" },
        nodes: [
          {
            id: "menu",
            type: "ask",
            input: "choice",
            prompt: "Hello! Sales, support or opening hours?",
            attribute: "topic",
            choices: [
              { id: "sales", title: "Sales" },
              { id: "support", title: "Support" },
              { id: "hours", title: "Opening hours" },
            ],
          },
          { id: "sales_info", type: "end", message: "Our sales team will call you." },
          { id: "support_info", type: "end", message: "Support is open all day." },
          { id: "hours_info", type: "end", message: "We open at nine." },
        ],
        edges: [
          { from: "menu", to: "sales_info", when: "sales" },
          { from: "menu", to: "support_info", when: "support" },
          { from: "menu", to: "hours_info", when: "hours" },
        ],
      },
    });
    const from = `5491${randomInt(10_000_000, 99_999_999)}`;
    await say(from, { text: "hello" });
    const conversation = await conversationOf(from);
    const [menu] = await outbound(conversation.id, 1);
    // A text message gets text back (mirror): the menu's reply buttons.
    expect(menu!.type).toBe("interactive");
    await say(from, {
      audio: {
        data: (await speak("support")).toString("base64"),
        voice: true,
        mime_type: "audio/ogg; codecs=opus",
      },
    });
    const [, reply] = await outbound(conversation.id, 2, 30_000);
    expect(reply!.type).toBe("audio");
    // The emulator took it (a wamid, then Meta's statuses) and serves the uploaded file back.
    const accepted = await eventually(async () => {
      const all = (await h.api("GET", `/v1/messages?conversationId=${conversation.id}&limit=100`)).body
        .data as Message[];
      const found = all.find((m) => m.id === reply!.id);
      return found?.wamid && ["sent", "delivered", "read"].includes(found.status) ? found : undefined;
    });
    const audio = await download(accepted.content.audio.id);
    expect(audio.mimeType).toContain("audio/ogg");
    expectOggOpus(audio.data);
    // The transcript drove the flow: the support branch, with the customer's words kept as the answer.
    const [session] = await h.charla.services.database.db
      .select()
      .from(botSessions)
      .where(eq(botSessions.conversationId, conversation.id));
    expect(session!.state.attributes.topic).toBe("support");
    expect(session!.state.answers[0]!.answer.toLowerCase()).toContain("support");
    expect(session!.status).toBe("completed");
  }, 90_000);

  it("hands over to a person when a voice note says 'agent'", async () => {
    const from = `5491${randomInt(10_000_000, 99_999_999)}`;
    await say(from, { text: "hello" });
    const conversation = await conversationOf(from);
    await outbound(conversation.id, 1);
    await say(from, { audio: { data: (await speak("agent")).toString("base64"), voice: true } });
    let last: unknown;
    const session = await eventually(
      async () => {
        const [row] = await h.charla.services.database.db
          .select()
          .from(botSessions)
          .where(eq(botSessions.conversationId, conversation.id));
        last = row;
        return row?.status === "handed_over" ? row : undefined;
      },
      { timeoutMs: 45_000, what: "the handover" },
    ).catch((error) => {
      throw new Error(`${error.message}; session ${JSON.stringify(last)}`);
    });
    expect(session.status).toBe("handed_over");
  }, 90_000);

  it("sends a voice note to an OpenAI-compatible transcription endpoint as multipart", async () => {
    const text = await transcribe(
      {
        BOTS_STT_PROVIDER: "auto",
        BOTS_STT_URL: `${base}/v1/audio/transcriptions`,
        BOTS_STT_MODEL: "tiny-whisper",
        BOTS_STT_API_KEY: "sk-test",
        BOTS_LLM_URL: undefined,
        BOTS_LLM_MODEL: undefined,
      },
      { data: await speak("agent"), mimeType: "audio/ogg; codecs=opus" },
      ["agent", "menu"],
    );
    expect(text).toBe("I would like an agent");
    expect(model.transcriptions.at(-1)).toMatchObject({
      model: "tiny-whisper",
      prompt: "agent, menu",
      filename: "voice.ogg",
    });
    expect(model.transcriptions.at(-1)!.bytes).toBeGreaterThan(100);
  });

  it("answers from the knowledge base: full-text search picks the chunks the model is given", async () => {
    const hours = await h.api("POST", "/v1/bots/knowledge", {
      title: "Opening hours",
      language: "english",
      content:
        "Our shops open Monday to Friday from 9:00 to 18:00.\n\nOn Saturdays we open in the morning only.",
    });
    expect(hours.status).toBe(201);
    const shipping = await h.api("POST", "/v1/bots/knowledge", {
      title: "Shipping",
      language: "english",
      content: "Parcels are delivered by courier within three working days to any address.",
    });
    expect(shipping.status).toBe(201);
    const listed = await h.api("GET", "/v1/bots/knowledge");
    expect(listed.body.data.map((d: { title: string }) => d.title)).toEqual(["Shipping", "Opening hours"]);
    const found = await h.api(
      "GET",
      `/v1/bots/knowledge/search?q=${encodeURIComponent("When do you open?")}`,
    );
    expect(found.body.data[0].title).toBe("Opening hours");
    expect(found.body.data.some((chunk: { title: string }) => chunk.title === "Shipping")).toBe(false);

    await flow("Questions", {
      triggers: { keywords: ["question"] },
      definition: {
        start: "ask",
        nodes: [
          { id: "ask", type: "ask", input: "text", prompt: "What would you like to know?", attribute: "q" },
          { id: "kb", type: "answer" },
          { id: "done", type: "end" },
          { id: "human", type: "handover", note: "The knowledge base had no answer" },
        ],
        edges: [
          { from: "ask", to: "kb" },
          { from: "kb", to: "done", when: "answered" },
          { from: "kb", to: "human", when: "fallback" },
        ],
      },
    });
    const from = `5491${randomInt(10_000_000, 99_999_999)}`;
    await say(from, { text: "question" });
    const conversation = await conversationOf(from);
    await outbound(conversation.id, 1);
    const before = model.chats.length;
    await say(from, { text: "When do you open on Mondays?" });
    const [, answer] = await outbound(conversation.id, 2);
    expect(answer!.content.text.body).toBe("We open Monday to Friday, 9:00 to 18:00.");
    const prompt = model.chats.slice(before).at(-1)!.messages;
    expect(prompt[0]!.content).toContain("Our shops open Monday to Friday from 9:00 to 18:00.");
    expect(prompt[0]!.content).not.toContain("courier");
    expect(prompt.at(-1)!.content).toBe("When do you open on Mondays?");

    // Another tenant sees none of it: its ids are 404 and its search finds nothing.
    const other = await makeTenant(h);
    for (const [method, body] of [["GET"], ["PATCH", { title: "x" }], ["DELETE"]] as const)
      expect((await h.api(method, `/v1/bots/knowledge/${hours.body.id}`, body, other.apiKey)).status).toBe(
        404,
      );
    expect((await h.api("GET", "/v1/bots/knowledge", undefined, other.apiKey)).body.data).toEqual([]);
    expect(
      (await h.api("GET", "/v1/bots/knowledge/search?q=open", undefined, other.apiKey)).body.data,
    ).toEqual([]);
    // Edits re-index; a removed document is no longer found.
    const edited = await h.api("PATCH", `/v1/bots/knowledge/${shipping.body.id}`, {
      content: "Parcels travel by train.",
    });
    expect(edited.status).toBe(200);
    expect((await h.api("GET", "/v1/bots/knowledge/search?q=train")).body.data[0].title).toBe("Shipping");
    expect((await h.api("DELETE", `/v1/bots/knowledge/${shipping.body.id}`)).status).toBe(204);
    expect((await h.api("GET", "/v1/bots/knowledge/search?q=train")).body.data).toEqual([]);
  }, 90_000);

  it("paces a burst of bot replies to Meta's pair rate (one per 6 s after a small burst)", async () => {
    const count = 12;
    const nodes = Array.from({ length: count }, (_, index) => ({
      id: `m${index + 1}`,
      type: "send",
      message: { kind: "text", text: `Part ${index + 1}` },
    }));
    await flow("Burst", {
      triggers: { keywords: ["burst"] },
      definition: {
        start: "m1",
        nodes: [...nodes, { id: "bye", type: "end" }],
        edges: [
          ...nodes.slice(1).map((node, index) => ({ from: nodes[index]!.id, to: node.id })),
          { from: `m${count}`, to: "bye" },
        ],
      },
    });
    const limited = h.sandbox.emulator.state.stats.pairRateLimited;
    const from = `5491${randomInt(10_000_000, 99_999_999)}`;
    await say(from, { text: "burst" });
    const conversation = await conversationOf(from);
    const sent = await outbound(conversation.id, count, 40_000);
    expect(sent.map((m) => m.content.text.body)).toEqual(nodes.map((node) => node.message.text));
    const at = sent.map((m) => new Date(m.createdAt).getTime());
    // The first BOT_PAIR_BURST (10) go at once; then each one 6 s after the slot before it.
    expect(at[9]! - at[0]!).toBeLessThan(5_000);
    expect(at[10]! - at[0]!).toBeGreaterThanOrEqual(5_900);
    expect(at[11]! - at[0]!).toBeGreaterThanOrEqual(11_900);
    expect(h.sandbox.emulator.state.stats.pairRateLimited).toBe(limited);
  }, 90_000);
});
