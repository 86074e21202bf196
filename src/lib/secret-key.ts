import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SecretBox } from "./crypto.ts";

/**
 * The key that encrypts stored secrets: SECRET_KEY when set, otherwise one generated once
 * and kept (mode 0600) under DATA_DIR so an embedded install keeps working across restarts.
 */
export function loadSecretBox(secretKey: string | undefined, dataDir: string): SecretBox {
  if (secretKey) return SecretBox.fromString(secretKey);
  const file = join(dataDir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return SecretBox.fromString(readFileSync(file, "utf8").trim());
}
