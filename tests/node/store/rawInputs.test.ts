import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { silentLogger } from '../../../src-main/services/runtime/logger';
import { Store } from '../../../src-main/services/store/store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openStore(path: string): Store {
  return Store.open({
    path,
    centerCode: 'BGD',
    consoleCode: 'C3',
    timeZone: 'Asia/Baghdad',
    clock: manualClock(),
    logger: silentLogger(),
  });
}

describe('raw input log', () => {
  it('given any bytes from a port, when recorded, then they survive a reopen exactly as received, with their parse outcome', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nida-raw-'));
    dirs.push(dir);
    const path = join(dir, 'live.db');
    const garbage = Uint8Array.from([0x02, 0x00, 0xff, 0xfe, 0x41, 0x4c, 0x49, 0x03, 0x0d, 0x0a]);

    const store = openStore(path);
    const log = store.rawInputs;
    const first = log.record('serial:/dev/ttyS0', 'ali', garbage, 1_000);
    const second = log.record('serial:/dev/ttyS0', 'ali', new TextEncoder().encode('CALLBACK 07701234567'), 2_000);
    log.markRejected(first, 'no ETX before 4 KiB');
    log.markParsed(second);
    store.close();

    const reopened = openStore(path);
    const entries = reopened.rawInputs.recentFrom('serial:/dev/ttyS0', 10);
    reopened.close();
    expect(entries.map((entry) => entry.status)).toEqual(['parsed', 'rejected']);
    expect([...(entries[1]?.bytes ?? [])]).toEqual([...garbage]);
    expect(entries[1]?.error).toBe('no ETX before 4 KiB');
    expect(entries[0]?.receivedAt).toBe(2_000);
  });
});
