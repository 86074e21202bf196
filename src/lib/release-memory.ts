import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

type Gc = (options: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;

/**
 * Once a process has started (and every so often in long bulk work): a full collection that also gives the heap's free pages back to the
 * operating system. Loading the program (about a thousand modules, the TypeScript ones stripped of
 * their types on the way) leaves the young generation grown to ~100 MB of garbage that V8 keeps
 * committed, so an idle process would sit at twice the memory it uses; a long import likewise
 * lets garbage pile up to hundreds of MB before V8 collects it. Costs ~50-100 ms.
 */
export function releaseMemory(): void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as Gc;
  gc({ type: "major", execution: "sync", flavor: "last-resort" });
}
