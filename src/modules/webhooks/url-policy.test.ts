import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postBatch } from "./jobs.ts";
import { checkWebhookUrl, isPrivateAddress } from "./url-policy.ts";

describe("webhook URL policy", () => {
  it("knows private, loopback, link-local and mapped addresses from public ones", () => {
    for (const address of [
      "10.1.2.3",
      "127.0.0.1",
      "169.254.169.254",
      "192.168.0.10",
      "::1",
      "fe80::1",
      "::ffff:10.0.0.1",
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888"])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it("knows every IPv6 form that reaches a private or loopback IPv4 address", () => {
    for (const address of [
      "::127.0.0.1", // IPv4-compatible
      "::a9fe:a9fe", // IPv4-compatible, hex: 169.254.169.254
      "::ffff:7f00:1", // IPv4-mapped, hex
      "::ffff:0:10.0.0.1", // SIIT
      "::ffff:0:7f00:1",
      "64:ff9b::127.0.0.1", // NAT64
      "64:ff9b::c0a8:1", // NAT64 to 192.168.0.1
      "64:ff9b:1::1", // local-use NAT64
      "2002:7f00:1::1", // 6to4 of 127.0.0.1
      "2002:a9fe:a9fe::", // 6to4 of 169.254.169.254
      "2001:0:4136:e378:8000:63bf:80ff:fffe", // Teredo, client 127.0.0.1
      "[::ffff:127.0.0.1]",
      "fe80::1%eth0",
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ["::8.8.8.8", "64:ff9b::8.8.8.8", "2002:808:808::1", "::ffff:0:1.1.1.1"])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it("refuses IPv6 literals that reach private IPv4 at creation", async () => {
    for (const url of [
      "http://[::127.0.0.1]/hook",
      "http://[::ffff:0:a9fe:a9fe]/hook",
      "http://[64:ff9b::a9fe:a9fe]/hook",
      "http://[2002:a00:1::1]/hook",
    ])
      await expect(checkWebhookUrl(url, false), url).rejects.toMatchObject({
        code: "webhook_url_not_allowed",
      });
  });

  it("refuses private hosts at creation unless allowed", async () => {
    await expect(checkWebhookUrl("http://169.254.169.254/latest", false)).rejects.toMatchObject({
      code: "webhook_url_not_allowed",
    });
    await expect(checkWebhookUrl("http://localhost:8080/hook", false)).rejects.toMatchObject({
      code: "webhook_url_not_allowed",
    });
    await expect(checkWebhookUrl("ftp://example.com", false)).rejects.toMatchObject({
      code: "webhook_url_invalid",
    });
    expect(await checkWebhookUrl("http://localhost:8080/hook", true)).toBe("http://localhost:8080/hook");
  });
});

describe("webhook delivery to a private address", () => {
  let server: Server;
  let port: number;
  let received = 0;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      received++;
      response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is refused at connection time, for an address literal and for a name that resolves to one", async () => {
    for (const url of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`]) {
      const outcome = await postBatch(url, "secret", "batch-1", "[]", 2_000, false);
      expect(outcome, url).toMatchObject({ ok: false, statusCode: null });
      expect(outcome.error, url).toMatch(/private address/);
    }
    expect(received).toBe(0);
  });

  it("goes through where private hosts are allowed (sandbox, tests)", async () => {
    const outcome = await postBatch(`http://localhost:${port}/hook`, "secret", "batch-2", "[]", 2_000, true);
    expect(outcome).toMatchObject({ ok: true, statusCode: 200 });
    expect(received).toBe(1);
  });
});
