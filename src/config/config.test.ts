import { describe, expect, it } from "vitest";
import { ConfigError, configDocs, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("applies defaults for the embedded install", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATA_DIR: "./data",
      PORT: 3000,
      SANDBOX: true,
      WHATSAPP_API_VERSION: "v25.0",
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("coerces numbers and flags and treats empty strings as unset", () => {
    const config = loadConfig({ PORT: "8080", SANDBOX: "no", DATABASE_URL: "" });
    expect(config.PORT).toBe(8080);
    expect(config.SANDBOX).toBe(false);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable and its value in one error", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", WHATSAPP_API_VERSION: "23" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { issues, message } = error as ConfigError;
    expect(issues).toHaveLength(3);
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("must look like v25.0");
  });

  it("documents every setting", () => {
    expect(Object.keys(configDocs).sort()).toEqual(
      Object.keys(loadConfig({}))
        .concat(
          "DATABASE_URL",
          "SECRET_KEY",
          "WHATSAPP_APP_SECRET",
          "WHATSAPP_VERIFY_TOKEN",
          "WEBHOOKS_ALLOW_PRIVATE",
          "TEMPLATE_PROHIBITED_CATEGORIES",
          "BOTS_LLM_URL",
          "BOTS_LLM_MODEL",
          "BOTS_LLM_API_KEY",
          "BOTS_STT_URL",
          "BOTS_STT_API_KEY",
          "JOBS_RETRY_DELAY_MAX_SECONDS",
        )
        .sort(),
    );
  });
});
