import { ensurePortalBuilt } from "../src/http/portal-build.ts";

/** The suite serves (and drives) the current portal: build it when its sources changed. */
export default function setup() {
  const result = ensurePortalBuilt((line) => console.log(line));
  if (typeof result === "object") throw new Error(`The portal did not build:\n${result.failed}`);
}
