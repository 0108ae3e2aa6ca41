import { describe, expect, it } from 'vitest';
import { inProcessApi, refusal } from '../../support/remoteClient';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost, testContext } from '../support/testHost';
import { readDatabase } from '../support/readDatabase';

const MINUTE = 60_000;

describe('link outage log', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  function start(dataDir: string) {
    const started = createTestHost(dataDir);
    defer(() => started.host.dispose());
    return started;
  }

  it('given the broker drops for 5 minutes and reconnects, when outages are listed, then the outage is there with its start, end and first error', async () => {
    const { host, clock } = start(tempDir());
    host.links.report('broker:backup', 'broker', 'mqtt://broker-2.center.local:1883', 'connecting');
    clock.advance(1_000);
    host.links.report('broker:backup', 'broker', 'mqtt://broker-2.center.local:1883', 'up');
    clock.advance(10 * MINUTE);
    const startedAt = clock.now();
    host.links.report('broker:backup', 'broker', 'mqtt://broker-2.center.local:1883', 'connecting', 'ECONNRESET');
    // Retries in between: one outage, not one per attempt.
    for (let attempt = 0; attempt < 5; attempt++) {
      clock.advance(MINUTE);
      host.links.report('broker:backup', 'broker', 'mqtt://broker-2.center.local:1883', 'down', 'ECONNREFUSED');
      host.links.report('broker:backup', 'broker', 'mqtt://broker-2.center.local:1883', 'connecting', 'ECONNREFUSED');
    }
    host.links.report('broker:backup', 'broker', 'mqtt://broker-2.center.local:1883', 'up');

    const outages = await inProcessApi(host, testContext).system.outages({});

    expect(outages).toEqual([
      {
        linkId: 'broker:backup',
        kind: 'broker',
        label: 'mqtt://broker-2.center.local:1883',
        startedAt,
        endedAt: startedAt + 5 * MINUTE,
        endReason: 'recovered',
        detail: 'ECONNRESET',
      },
    ]);
  });

  it('given a link that is down and a console that stops, when it starts again, then the outage is still in the log, ended when the console stopped', async () => {
    const dataDir = tempDir();
    const first = start(dataDir);
    first.host.links.report('serial:ali', 'serial', '/dev/ttyS0', 'down', 'ENOENT');
    first.clock.advance(3 * MINUTE);
    const stoppedAt = first.clock.now();
    await first.host.dispose();

    const second = start(dataDir);
    const outages = await inProcessApi(second.host, testContext).system.outages({});

    expect(outages).toHaveLength(1);
    expect(outages[0]).toMatchObject({
      linkId: 'serial:ali',
      label: '/dev/ttyS0',
      endReason: 'console-stopped',
      detail: 'ENOENT',
    });
    expect(outages[0]?.endedAt).toBeGreaterThanOrEqual(stoppedAt);
  });

  it('given a link still down, when outages are listed, then it is an open outage, and connecting at start-up is not an outage', async () => {
    const { host, clock } = start(tempDir());
    host.links.report('peer:C2', 'peer', 'C2', 'connecting');
    clock.advance(MINUTE);
    host.links.report('peer:C2', 'peer', 'C2', 'up');
    host.links.report('serial:radio', 'serial', '/dev/ttyUSB0', 'connecting');
    clock.advance(MINUTE);
    host.links.report('serial:radio', 'serial', '/dev/ttyUSB0', 'down', 'unplugged');

    const outages = await inProcessApi(host, testContext).system.outages({});

    expect(outages).toEqual([
      expect.objectContaining({ linkId: 'serial:radio', endedAt: null, endReason: null, startedAt: clock.now() }),
    ]);

    // Asked again after the port came back (the view asks at every link change): the outage has its end.
    const startedAt = clock.now();
    clock.advance(2 * MINUTE);
    host.links.report('serial:radio', 'serial', '/dev/ttyUSB0', 'up');
    const again = await inProcessApi(host, testContext).system.outages({});
    expect(again).toEqual([
      expect.objectContaining({
        linkId: 'serial:radio',
        startedAt,
        endedAt: startedAt + 2 * MINUTE,
        endReason: 'recovered',
      }),
    ]);
  });

  it('given every state change, then each is a row of the audit chain, which still verifies', () => {
    const { host, clock } = start(tempDir());
    host.links.report('broker:backup', 'broker', 'backup', 'up');
    clock.advance(MINUTE);
    host.links.report('broker:backup', 'broker', 'backup', 'down', 'ECONNREFUSED');
    host.links.report('broker:backup', 'broker', 'backup', 'down', 'ECONNREFUSED again'); // detail only: no new row

    const rows = readDatabase(host.store, (db) =>
      db
        .prepare<[], { subject: string; details: string }>(
          "SELECT subject, details FROM audit WHERE action = 'link.state' AND subject = 'link:broker:backup' ORDER BY seq",
        )
        .all(),
    ).map((row) => ({ subject: row.subject, ...(JSON.parse(row.details) as object) }));
    expect(rows).toEqual([
      { subject: 'link:broker:backup', kind: 'broker', label: 'backup', state: 'up', from: null, detail: null },
      {
        subject: 'link:broker:backup',
        kind: 'broker',
        label: 'backup',
        state: 'down',
        from: 'up',
        detail: 'ECONNREFUSED',
      },
    ]);
    expect(host.store.verifyAudit().ok).toBe(true);
  });

  it('given an incident created during an outage, when the activity of the outage is exported, then the JSON and CSV hold its events and audit rows, and the export is audited', async () => {
    const { host, clock } = start(tempDir());
    const api = inProcessApi(host, testContext);
    clock.advance(MINUTE);
    const from = clock.now();
    host.links.report('broker:backup', 'broker', 'backup', 'down', 'ECONNREFUSED');
    clock.advance(MINUTE);
    const created = await api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence'],
      address: 'شارع, "الرشيد"',
      note: 'دخان',
    });
    clock.advance(MINUTE);
    const to = clock.now();
    host.links.report('broker:backup', 'broker', 'backup', 'up');
    clock.advance(MINUTE);
    // After the window: not in the export.
    await api.incident.create({ typeCode: 'theft', priority: 3, agencies: ['police-patrols'] });

    const json = await api.system.activity({ from, to, format: 'json' });
    const parsed = JSON.parse(json.text) as {
      events: { incidentId: string; type: string }[];
      audit: { action: string }[];
    };
    expect(json.filename).toMatch(/^nida-C1-activity-.*\.json$/);
    expect(parsed.events.map((event) => event.type)).toEqual(['incident.created', 'incident.noteAdded']);
    expect(parsed.events.every((event) => event.incidentId === created.id)).toBe(true);
    expect(parsed.audit.map((row) => row.action)).toContain('link.state');
    expect(json.events).toBe(2);

    const csv = await api.system.activity({ from, to, format: 'csv' });
    const lines = csv.text.trimEnd().split('\r\n');
    expect(csv.mimeType).toBe('text/csv');
    expect(lines[0]).toBe('record,at,actor,console,type,subject,incident,details');
    expect(lines.filter((line) => line.startsWith('event,'))).toHaveLength(2);
    // Quotes and commas in the data stay inside one cell.
    expect(csv.text).toContain('شارع, \\""الرشيد\\""');

    const exports = readDatabase(host.store, (db) =>
      db.prepare<[], { actor: string }>("SELECT actor FROM audit WHERE action = 'export.activity'").all(),
    );
    expect(exports).toEqual([{ actor: testContext.actor }, { actor: testContext.actor }]);

    const backwards = await refusal(api.system.activity({ from: to, to: from, format: 'json' }));
    expect(backwards).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
