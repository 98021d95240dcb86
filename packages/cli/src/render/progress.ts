/** A progress bar on stderr when it is a terminal; silent when piped or in CI. */
export function progress(label: string): { update(fraction: number): void; done(): void } {
  const tty = process.stderr.isTTY === true && !process.env.CI;
  let last = -1;
  return {
    update(fraction: number) {
      if (!tty) return;
      const pct = Math.floor(fraction * 100);
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      process.stderr.write(`\r${label} [${'█'.repeat(filled)}${' '.repeat(width - filled)}] ${pct}%`);
    },
    done() {
      if (tty && last >= 0) process.stderr.write('\r\x1b[2K');
    },
  };
}
