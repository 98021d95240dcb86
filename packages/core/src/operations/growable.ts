// A column of numbers that grows by doubling: the simulator's timelines, appended per event or sample
// without an allocation each time.

export class Growable {
  private data: Float64Array;
  length = 0;
  constructor(capacity = 64) {
    this.data = new Float64Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  /** Overwrites the last value. */
  setLast(v: number): void {
    this.data[this.length - 1] = v;
  }
  last(): number {
    return this.data[this.length - 1]!;
  }
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
