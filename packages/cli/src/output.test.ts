import { spawn, spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from './errors.js';
import { writeOutput } from './output.js';

const dir = () => mkdtempSync(join(tmpdir(), 'aidc-out-'));

describe('writing an output file as a careful Unix tool does', () => {
  it('replaces a regular file whole and leaves no temporary file', () => {
    const d = dir();
    const f = join(d, 'bom.csv');
    writeFileSync(f, 'old');
    writeOutput('--csv', f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readdirSync(d)).toEqual(['bom.csv']);
  });

  it('keeps a symbolic link and writes its target', () => {
    const d = dir();
    const target = join(d, 'real.csv');
    writeFileSync(target, 'old');
    const link = join(d, 'link.csv');
    symlinkSync(target, link);
    writeOutput('--csv', link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('refuses a directory, a dangling link and an empty name, leaving nothing behind', () => {
    const d = dir();
    const sub = join(d, 'report.html');
    mkdirSync(sub);
    expect(() => writeOutput('--html', sub, 'x')).toThrow(UserError);
    expect(() => writeOutput('--html', sub, 'x')).toThrow(/a directory/);
    symlinkSync(join(d, 'nowhere'), join(d, 'dangling'));
    expect(() => writeOutput('--html', join(d, 'dangling'), 'x')).toThrow(/link to nothing/);
    expect(() => writeOutput('--csv', '', 'x')).toThrow(/expected a file name/);
    expect(readdirSync(d).sort()).toEqual(['dangling', 'report.html']);
  });

  it('removes its temporary file when the write fails', () => {
    const d = dir();
    const f = join(d, 'missing-dir', 'bom.csv');
    expect(() => writeOutput('--csv', f, 'x')).toThrow(/cannot write/);
    expect(readdirSync(d)).toEqual([]);
  });

  it('writes through a character device without replacing it', () => {
    writeOutput('--csv', '/dev/null', 'discarded');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('writes through a named pipe to its reader', async () => {
    const d = dir();
    const fifo = join(d, 'pipe');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return; // no mkfifo on this system
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b: Buffer) => {
      got += b.toString();
    });
    const done = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    writeOutput('--csv', fifo, 'through the pipe');
    await done;
    expect(got).toBe('through the pipe');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});
