/**
 * One timer for all the emulator's pending work. Under load the emulator has thousands of status
 * webhooks and deliveries due within the next second; a `setTimeout` each costs a timer object, a
 * closure and a list insertion, and fires them one by one. Here they wait in a min-heap by due
 * time (ties in the order they were scheduled) and one timer, armed for the earliest, runs every
 * task due by then in one go.
 */

interface Task {
  at: number;
  seq: number;
  run: () => void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

const before = (a: Task, b: Task) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export class Scheduler {
  private readonly heap: Task[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private running = false;

  /** Tasks waiting. */
  get size(): number {
    return this.heap.length;
  }

  /** Runs `run` after `ms` milliseconds (0 or less: on the next timer tick). */
  after(ms: number, run: () => void): void {
    this.at(Date.now() + Math.max(0, ms), run);
  }

  /** Runs `run` at epoch ms `at` (or at once if that has passed or is NaN; never if it is +Infinity). */
  at(at: number, run: () => void): void {
    const task = { at: Number.isNaN(at) ? Date.now() : at, seq: this.seq++, run };
    const heap = this.heap;
    let i = heap.length;
    heap.push(task);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(task, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = task;
    if (task.at < this.timerAt && !this.running) this.arm();
  }

  clear(): void {
    this.heap.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    const next = this.heap[0];
    if (!next || next.at === Number.POSITIVE_INFINITY) {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      return;
    }
    this.timerAt = next.at;
    // Node's timers hold at most 2^31-1 ms (24.8 days): a later task wakes it up once on the way.
    this.timer = setTimeout(() => this.runDue(), Math.min(MAX_TIMER_MS, Math.max(0, next.at - Date.now())));
  }

  private runDue(): void {
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    this.running = true;
    try {
      // Tasks scheduled while running with a time already due wait for the next tick (no starvation).
      const limit = this.seq;
      while (this.heap.length > 0 && this.heap[0]!.at <= now && this.heap[0]!.seq < limit) this.pop().run();
    } finally {
      this.running = false;
      this.arm();
    }
  }

  private pop(): Task {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
        if (!before(heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
