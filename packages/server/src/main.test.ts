import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDbFile } from './test-support.js';

const BIN = fileURLToPath(new URL('../bin/aidc-server.js', import.meta.url));

/** One run of the built command line: its exit code and what it printed. */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('aidc-server users and tokens', () => {
  it('creates tokens for users with a role, lists users, changes roles, and refuses bad arguments clearly', () => {
    const db = tempDbFile();
    const admin = cli('token', 'create', '--name', 'alice', '--role', 'admin', '--db', db);
    expect(admin.code).toBe(0);
    expect(admin.out).toMatch(/^aidc_[A-Za-z0-9_-]{43}\n$/);
    expect(admin.err).toContain('"alice" (admin)');
    expect(cli('token', 'create', '--name', 'bob', '--db', db).err).toContain('"bob" (member)');
    // A second token for alice keeps her role; asking for another role says how to change it.
    expect(cli('token', 'create', '--name', 'alice', '--db', db).err).toContain('(admin)');
    const clash = cli('token', 'create', '--name', 'alice', '--role', 'member', '--db', db);
    expect(clash.code).toBe(2);
    expect(clash.err).toContain('aidc-server user role "alice" member');
    const badRole = cli('token', 'create', '--name', 'carol', '--role', 'boss', '--db', db);
    expect(badRole.code).not.toBe(0);
    expect(badRole.err).toMatch(/Allowed choices are admin, member/);
    expect(cli('token', 'create', '--name', 'x/y', '--db', db).code).toBe(2);

    expect(cli('user', 'list', '--db', db).out.split('\n').filter(Boolean)).toEqual([
      '1\talice\tadmin\t2 active tokens\t0 scenarios owned',
      '2\tbob\tmember\t1 active tokens\t0 scenarios owned',
    ]);
    expect(cli('user', 'role', 'bob', 'admin', '--db', db).out).toBe('"bob" is now admin\n');
    const nobody = cli('user', 'role', 'nobody', 'admin', '--db', db);
    expect([nobody.code, nobody.err]).toEqual([
      2,
      'aidc-server: no user "nobody" (see `aidc-server user list`)\n',
    ]);
    expect(cli('user', 'role', 'bob', 'boss', '--db', db).err).toContain('expected admin or member');
    expect(cli('token', 'list', '--db', db).out).toContain('2\tbob\tadmin\t');
    expect(cli('token', 'revoke', 'two', '--db', db).code).toBe(2);
    expect(cli('token', 'revoke', '2', '--db', db).out).toBe('token 2 revoked\n');
    expect(cli('purge', '--db', db).err).toBe('purged 0 scenarios deleted over 30 days ago\n');
    expect(cli('purge', '--retention-days', '-1', '--db', db).err).toContain('expected a whole number ≥ 0');
  }, 60_000);
});
