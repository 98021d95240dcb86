// A binary min-heap of ids keyed by an outside array, with removal of any id and a walk in key order
// that leaves the heap as it is. Typed arrays throughout: no allocation after construction.

export class IndexedMinHeap {
  private readonly heap: Int32Array;
  private readonly at: Int32Array;
  // The walk's own heap, of indices into `heap`.
  private readonly frontier: Int32Array;
  size = 0;

  constructor(
    capacity: number,
    private readonly key: Float64Array,
  ) {
    this.heap = new Int32Array(Math.max(1, capacity));
    this.at = new Int32Array(Math.max(1, capacity)).fill(-1);
    this.frontier = new Int32Array(Math.max(1, capacity));
  }

  has(id: number): boolean {
    return this.at[id]! >= 0;
  }

  insert(id: number): void {
    const i = this.size++;
    this.heap[i] = id;
    this.at[id] = i;
    this.up(i);
  }

  remove(id: number): void {
    const i = this.at[id]!;
    if (i < 0) return;
    const last = this.heap[--this.size]!;
    this.at[id] = -1;
    if (i === this.size) return;
    this.heap[i] = last;
    this.at[last] = i;
    this.up(i);
    this.down(this.at[last]!);
  }

  /** Visits ids in key order until `visit` returns true; returns that id, or -1. */
  walk(visit: (id: number) => boolean): number {
    if (this.size === 0) return -1;
    const f = this.frontier;
    this.open = 0;
    this.frontierPush(0);
    while (this.open > 0) {
      const i = f[0]!;
      f[0] = f[--this.open]!;
      for (let c = 0; ; ) {
        const l = 2 * c + 1;
        if (l >= this.open) break;
        const m = l + 1 < this.open && this.frontierKey(l + 1) < this.frontierKey(l) ? l + 1 : l;
        if (this.frontierKey(c) <= this.frontierKey(m)) break;
        const t = f[c]!;
        f[c] = f[m]!;
        f[m] = t;
        c = m;
      }
      const id = this.heap[i]!;
      if (visit(id)) return id;
      if (2 * i + 1 < this.size) this.frontierPush(2 * i + 1);
      if (2 * i + 2 < this.size) this.frontierPush(2 * i + 2);
    }
    return -1;
  }

  private open = 0;

  private frontierKey(slot: number): number {
    return this.key[this.heap[this.frontier[slot]!]!]!;
  }

  private frontierPush(i: number): void {
    const f = this.frontier;
    let c = this.open++;
    f[c] = i;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (this.frontierKey(p) <= this.frontierKey(c)) break;
      const t = f[p]!;
      f[p] = f[c]!;
      f[c] = t;
      c = p;
    }
  }

  private less(a: number, b: number): boolean {
    return this.key[this.heap[a]!]! < this.key[this.heap[b]!]!;
  }

  private swap(a: number, b: number): void {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    this.heap[a] = y;
    this.heap[b] = x;
    this.at[y] = a;
    this.at[x] = b;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) return;
      const m = l + 1 < this.size && this.less(l + 1, l) ? l + 1 : l;
      if (!this.less(m, i)) return;
      this.swap(i, m);
      i = m;
    }
  }
}
