// The shift lead's outage log over a busy week: 300,000 audit rows (every event of a center is one)
// of which a few hundred are link state changes. The outage view asks `system.outages` again at every
// link change. Measured: the first question (reads the week once) and the next ones (only the rows
// appended since). Baseline, in the same run on the same database: reading the week's link rows again
// at every question (what the log did before it kept what it had read).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../src-main/services/runtime/clock';
import { createHost } from '../src-main/host/createHost';
import { parseConfig } from '../src-main/config/config';
import { openDatabase } from '../src-main/services/store/database';
import { summarize, type Benchmark, type BenchFigure } from './harness';

const AUDIT_ROWS = 300_000;
const LINK_EVERY = 1_000;
const QUESTIONS = 50;
const WEEK_MS = 7 * 24 * 3_600_000;
const context = { clientId: 'bench', transport: 'internal', actor: 'bench' } as const;

const benchmark: Benchmark = {
  name: 'outages',
  description: `system.outages over ${AUDIT_ROWS.toLocaleString('en')} audit rows (a link change every ${String(LINK_EVERY)}), ${String(QUESTIONS)} questions`,
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'nida-bench-outages-'));
    const clock = manualClock();
    const config = parseConfig(
      { operator: { name: 'Bench' }, storage: { backupIntervalMinutes: 0 }, avl: { embedded: { port: 0 } } },
      dataDir,
      'bench',
    );
    const host = createHost(config, { clock });
    // Old audit rows go straight into the table through a connection of their own beside the host's.
    const db = openDatabase({ path: host.store.status.path, durability: 'NORMAL' });
    try {
      const start = clock.now() - WEEK_MS;
      const step = WEEK_MS / AUDIT_ROWS;
      const first = (db.prepare('SELECT max(seq) AS seq FROM audit').get() as { seq: number | null }).seq ?? 0;
      const insert = db.prepare(
        'INSERT INTO audit (seq, at, actor, console_id, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      // Rows older than the host's own: written straight into the table (the chain is not what is measured).
      db.transaction(() => {
        for (let i = 0; i < AUDIT_ROWS; i++) {
          const link = i % LINK_EVERY === 0;
          const state = (i / LINK_EVERY) % 2 === 0 ? 'down' : 'up';
          insert.run(
            first + i + 1,
            Math.round(start + i * step) - WEEK_MS,
            link ? 'console:C1' : 'dispatcher',
            'C1',
            link ? 'link.state' : 'event:incident.noteAdded',
            link ? 'link:serial:radio' : `incident:${String(i)}`,
            link
              ? JSON.stringify({ kind: 'serial', label: '/dev/ttyUSB0', state, from: state === 'down' ? 'up' : 'down' })
              : JSON.stringify({ eventId: String(i), digest: 'x'.repeat(64) }),
            '0'.repeat(64),
            '0'.repeat(64),
          );
        }
        db.prepare("UPDATE meta SET value = ? WHERE key = 'audit_head'").run(
          `${String(first + AUDIT_ROWS)}:${'0'.repeat(64)}`,
        );
      })();
      const since = clock.now() - 2 * WEEK_MS;
      const ask = async (): Promise<number> => {
        const started = performance.now();
        const result = await host.dispatch('system.outages', { since }, context);
        if (!result.ok) throw new Error(result.error.message);
        return performance.now() - started;
      };
      const cold = await ask();
      const warm: number[] = [];
      for (let i = 0; i < QUESTIONS; i++) {
        clock.advance(60_000);
        host.links.report('serial:radio', 'serial', '/dev/ttyUSB0', i % 2 === 0 ? 'down' : 'up');
        warm.push(await ask());
      }
      const rescan = db.prepare(
        `SELECT seq, at, actor, console_id, action, subject, details FROM audit
          WHERE seq >= ? AND console_id = ? AND action IN ('link.state', 'session.start', 'session.stop') ORDER BY seq`,
      );
      const naive: number[] = [];
      for (let i = 0; i < QUESTIONS; i++) {
        const started = performance.now();
        rescan.all(first, 'C1');
        naive.push(performance.now() - started);
      }
      const fast = summarize(warm);
      const slow = summarize(naive);
      const figures: BenchFigure[] = [
        { name: 'first question (reads the window once)', value: cold, unit: 'ms', better: 'lower' },
        {
          name: 'question after a link change, p50',
          value: fast.p50,
          unit: 'ms',
          baseline: { name: 're-reading the window, p50', value: slow.p50 },
          better: 'lower',
        },
        {
          name: 'question after a link change, max',
          value: fast.max,
          unit: 'ms',
          baseline: { name: 're-reading the window, max', value: slow.max },
          better: 'lower',
        },
      ];
      return figures;
    } finally {
      db.close();
      await host.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
