import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
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

/** Thrown at start when SECRET_KEY is not the key this database's secrets were sealed with. */
export class SecretKeyMismatchError extends Error {
  override readonly name = "SecretKeyMismatchError";
}

/**
 * Compares this process's key with the key check value stored in the database (the first process
 * to start records its own). Every process on one database (API, workers on other machines) must
 * hold the same key, or one seals secrets the others cannot open: a mismatch refuses to start.
 */
export async function verifySecretKey(db: Db, box: SecretBox): Promise<void> {
  const mine = box.checkValue();
  await db.execute(
    sql`insert into secret_key_check (id, check_value) values (1, ${mine}) on conflict (id) do nothing`,
  );
  const result = await db.execute(sql`select check_value from secret_key_check where id = 1`);
  const rows = (result as unknown as { rows: { check_value: string }[] }).rows;
  if (rows[0]?.check_value !== mine)
    throw new SecretKeyMismatchError(
      "SECRET_KEY is not the key this database's secrets are encrypted with. Every process that shares " +
        "the database (the API and every worker, on any machine) must be started with the same SECRET_KEY; " +
        "without SECRET_KEY a process generates its own key under DATA_DIR, which only that machine has.",
    );
}
