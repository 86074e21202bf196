import type { PGlite } from "@electric-sql/pglite";

/** A file of Emscripten's in-memory file system: its bytes (capacity) and how many are used. */
interface MemFile {
  contents: Uint8Array | null;
  usedBytes: number;
}

interface MemFs {
  expandFileStorage(node: MemFile, capacity: number): void;
}

const MIB = 1024 * 1024;
/** Files up to this size grow by copying; larger ones get an address range they grow in. */
const COPY_LIMIT = MIB;
/** PostgreSQL's largest file, a relation segment (WAL segments are 16 MiB). */
const RESERVED = 1024 * MIB;

/** The capacity a file grows to: doubled up to 64 MiB, then by half; at least what is needed. */
export function grownCapacity(current: number, needed: number): number {
  if (current >= needed) return current;
  const grown = current < 64 * MIB ? current * 2 : current * 1.5;
  return Math.max(needed, Math.floor(grown), 256);
}

/** The file's bytes in a new buffer of `capacity`: resizable (up to `reserve`) when `reserve` is set. */
function moved(node: MemFile, capacity: number, reserve?: number): Uint8Array {
  const contents = reserve
    ? new Uint8Array(new ArrayBuffer(capacity, { maxByteLength: reserve }))
    : new Uint8Array(capacity);
  if (node.contents && node.usedBytes > 0) contents.set(node.contents.subarray(0, node.usedBytes));
  return contents;
}

/**
 * A larger file for `node`. Emscripten's MEMFS grows a file over 1 MiB by an eighth, copying all of
 * it into a new buffer each time, so a relation file that PostgreSQL extends 8 KiB at a time is
 * copied again every few megabytes: quadratic in its size, and every new buffer's pages are
 * faulted in afresh (a `--cpu-prof` of the billing bench on PGlite: `expandFileStorage` 3.6 s of an
 * 80 s run, up to 250 ms of a one-second phase, landing wherever a file crossed its next step;
 * doubling instead still cost 1 s). Here a file past 1 MiB moves once into a resizable
 * ArrayBuffer that reserves 1 GiB of address space and grows in place: no copy, pages committed
 * as they are needed. Smaller files (most of a cluster's) keep growing by doubling.
 */
export function expandFile(node: MemFile, needed: number): void {
  const current = node.contents?.length ?? 0;
  if (current >= needed) return;
  const capacity = grownCapacity(current, needed);
  const buffer = node.contents?.buffer as ArrayBuffer | undefined;
  if (buffer?.resizable && node.contents!.byteOffset === 0 && capacity <= buffer.maxByteLength) {
    buffer.resize(capacity);
    // A view made without a length tracks the buffer's; any other view of it is moved below.
    if (node.contents!.length >= needed) return;
  }
  if (capacity <= COPY_LIMIT) node.contents = moved(node, capacity);
  else node.contents = moved(node, capacity, Math.max(RESERVED, capacity * 2));
}

/**
 * Replaces the growth policy of an in-memory ("memory://") PGlite's file system (tests and
 * benches; the on-disk data directory Charla runs on writes through Node's file system instead).
 * Reaches PGlite's Emscripten module, which it keeps in a protected field: when a future PGlite
 * no longer has it there, nothing changes.
 */
export function growMemoryFilesInPlace(client: PGlite): void {
  const memfs = (client as unknown as { mod?: { MEMFS?: MemFs } }).mod?.MEMFS;
  if (typeof memfs?.expandFileStorage === "function") memfs.expandFileStorage = expandFile;
}
