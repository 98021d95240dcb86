/** Whether to draw: AIDC_PROGRESS=1 forces the bar (to see or test it through a pipe), 0 silences
 * it; otherwise only on a terminal and not in CI. */
function drawing(): boolean {
  const forced = process.env.AIDC_PROGRESS;
  if (forced === '1') return true;
  if (forced === '0') return false;
  return process.stderr.isTTY === true && !process.env.CI;
}

/** A progress bar on stderr when it is a terminal; silent when piped or in CI. */
export function progress(label: string): { update(fraction: number): void; done(): void } {
  const tty = drawing();
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
