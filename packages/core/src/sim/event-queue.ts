/**
 * A discrete-event queue: events (time, kind, id) in a binary min-heap over preallocated typed arrays,
 * so pushing and popping allocates nothing. Ties pop in push order.
 */
export class EventQueue {
  private times: Float64Array;
  private kinds: Int32Array;
  private ids: Int32Array;
  private seqs: Float64Array;
  private n = 0;
  private counter = 0;
  /** The event last popped. */
  time = 0;
  kind = 0;
  id = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.seqs = new Float64Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** The earliest event's time without removing it; +∞ when empty. */
  get nextTime(): number {
    return this.n > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    return ta < tb || (ta === tb && this.seqs[a]! < this.seqs[b]!);
  }

  private swap(a: number, b: number): void {
    const t = this.times[a]!;
    this.times[a] = this.times[b]!;
    this.times[b] = t;
    const k = this.kinds[a]!;
    this.kinds[a] = this.kinds[b]!;
    this.kinds[b] = k;
    const i = this.ids[a]!;
    this.ids[a] = this.ids[b]!;
    this.ids[b] = i;
    const s = this.seqs[a]!;
    this.seqs[a] = this.seqs[b]!;
    this.seqs[b] = s;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const t = new Float64Array(cap);
    t.set(this.times);
    this.times = t;
    const k = new Int32Array(cap);
    k.set(this.kinds);
    this.kinds = k;
    const i = new Int32Array(cap);
    i.set(this.ids);
    this.ids = i;
    const s = new Float64Array(cap);
    s.set(this.seqs);
    this.seqs = s;
  }

  push(time: number, kind: number, id: number): void {
    if (this.n === this.times.length) this.grow();
    let i = this.n++;
    this.times[i] = time;
    this.kinds[i] = kind;
    this.ids[i] = id;
    this.seqs[i] = this.counter++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the earliest event into `time`, `kind`, `id`; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.time = this.times[0]!;
    this.kind = this.kinds[0]!;
    this.id = this.ids[0]!;
    this.n--;
    if (this.n > 0) {
      this.times[0] = this.times[this.n]!;
      this.kinds[0] = this.kinds[this.n]!;
      this.ids[0] = this.ids[this.n]!;
      this.seqs[0] = this.seqs[this.n]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.n && this.less(l, m)) m = l;
        if (r < this.n && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return true;
  }
}
