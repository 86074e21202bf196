/**
 * Summarises a `--cpu-prof` profile: self time by package or Charla file, and the hottest
 * functions, as shares of the samples (idle and GC included), for bench/README.md.
 *
 *   node bench/profile-summary.ts CPU.*.cpuprofile [top=15] [from] [to]
 *
 * `from` and `to` (µs, the clock of `process.hrtime.bigint() / 1000n`, as BENCH_MARK prints it)
 * keep only the samples between them. "inclusive" lists Charla's own functions with their callees.
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a Charla directory, or a V8 bucket. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src|bench)\/(.*)$/.exec(url);
  if (own)
    return `${own[1]}/${own[2]!
      .split("/")
      .slice(0, own[1] === "src" ? 2 : 1)
      .join("/")}`;
  if (url.startsWith("node:")) return url;
  return url;
}

/** Each node's parent, to walk a sample's stack. */
function parents(profile: Profile) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return parent;
}

export function summarise(profile: Profile, top = 15, from = 0, to = Number.POSITIVE_INFINITY) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  for (const [i, id] of profile.samples.entries()) {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = area(url, functionName);
    areas.set(where, (areas.get(where) ?? 0) + micros);
    const fn = `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  }
  // Inclusive time of Charla's functions: a sample counts once for every distinct one on its stack.
  const parent = parents(profile);
  const inclusive = new Map<string, number>();
  for (const [id, micros] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      const own = /\/src\/(.*)$/.exec(url);
      if (own) seen.add(`${functionName || "(anonymous)"} src/${own[1]}:${lineNumber + 1}`);
    }
    for (const fn of seen) inclusive.set(fn, (inclusive.get(fn) ?? 0) + micros);
  }
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  return {
    seconds: total / 1e6,
    areas: rank(areas),
    functions: rank(functions),
    inclusive: rank(inclusive),
  };
}

if (process.argv[2]) {
  const result = summarise(
    JSON.parse(readFileSync(process.argv[2], "utf8")) as Profile,
    Number(process.argv[3] ?? 15),
    Number(process.argv[4] ?? 0),
    Number(process.argv[5] ?? Number.POSITIVE_INFINITY),
  );
  console.log(
    `${result.seconds.toFixed(1)} s sampled\n\nby area:\n${result.areas.join("\n")}\n\nby function:\n${result.functions.join("\n")}\n\ninclusive (Charla's):\n${result.inclusive.join("\n")}`,
  );
}
