// Radio status frames ($RDG … STS) on a real pty change unit statuses through the roster and the
// status machine; the incident's milestones follow. Unknown radios and illegal transitions are
// counted and logged, never thrown.
import { describe, expect, it } from 'vitest';
import { createRadioStatusHandler } from '../../../src-main/services/units/radioStatus';
import { encodeRadioLine, type RadioFrame, type RadioStatusMap } from '../../../src-shared/domain/protocols/radio';
import type { UnitStatus } from '../../../src-shared/domain/unit';
import { captureLogger } from '../support/captureLogger';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { waitUntil } from '../support/waitUntil';
import { requirePrerequisites } from '../../support/prerequisites';
import { playDevice, socat, startPtyPair } from '../serial/ptyPair';
import { START, createIncident } from '../../support/scenario';
import { useTestHosts } from '../support/testHost';

const withoutSocat = requirePrerequisites(socat());
import { readDatabase } from '../support/readDatabase';

const statusMap: RadioStatusMap = { version: 1, codes: { '4': 'en-route', '5': 'on-scene', '1': 'available' } };
const frame = (unitId: string, statusCode: number): RadioFrame => ({
  kind: 'status',
  seq: 1,
  gatewayTime: '10:00:00',
  unitId,
  statusCode,
});

describe('radio status frames', () => {
  const { startHost } = useTestHosts();
  const tempDir = useTempDirs();
  const defer = useCleanup();

  it('given frames from a known radio, an unknown radio, an unmapped code and an illegal change, then only the legal one applies and the rest are counted', () => {
    const applied: [string, UnitStatus][] = [];
    const { logger, lines } = captureLogger();
    const handler = createRadioStatusHandler({
      statusMap,
      logger,
      units: {
        applyRadioStatus: (radioId, status) => {
          if (radioId === 'FFFF') return { outcome: 'unknown-radio' };
          if (status === 'on-scene') {
            return { outcome: 'refused', unit: {} as never, reason: 'a unit cannot go from available to on-scene' };
          }
          applied.push([radioId, status]);
          return { outcome: 'applied', unit: {} as never };
        },
      },
    });

    handler.handle(frame('1A01', 4), 'serial:radio');
    handler.handle(frame('FFFF', 4), 'serial:radio');
    handler.handle(frame('FFFF', 1), 'serial:radio');
    handler.handle(frame('1A01', 9), 'serial:radio');
    handler.handle(frame('1A01', 5), 'serial:radio');

    expect(applied).toEqual([['1A01', 'en-route']]);
    expect(handler.counters).toMatchObject({ applied: 1, refused: 1, unmapped: 1, unknownRadio: 2 });
    expect([...handler.counters.unknownRadios]).toEqual([['FFFF', 2]]);
    // The unknown radio is logged once at warn, not once per frame.
    expect(lines.filter((line) => line.msg === 'status from a radio no unit carries')).toHaveLength(1);
  });

  it.skipIf(withoutSocat !== null)(
    'given a dispatched unit, when its radio sends en-route then on-scene on a real pty, then the unit and the incident follow; a stray radio changes nothing',
    async () => {
      const pty = await startPtyPair(tempDir(), 'radio');
      defer(() => pty.stop());
      const console = startHost({
        roster: true,
        config: { serial: { ports: [{ id: 'radio', path: pty.console, protocol: 'radio' }] } },
      });
      const incident = await createIncident(console.api);
      await console.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-301'] });
      const radioId = console.unit('U-301').radioId ?? '';
      await waitUntil(
        () => console.events.some((event) => event.name === 'onLinkStatus' && event.payload.state === 'up'),
        'the radio port to open',
      );

      console.clock.set(START + 60_000);
      await playDevice(
        pty.device,
        new TextEncoder().encode(
          encodeRadioLine(`RDG,1,100100,${radioId},STS,4`) + encodeRadioLine('RDG,2,100101,BEEF,STS,4'),
        ),
      );
      await waitUntil(() => console.unit('U-301').status === 'en-route', 'en route by radio');
      console.clock.set(START + 300_000);
      await playDevice(
        pty.device,
        new TextEncoder().encode(encodeRadioLine(`RDG,3,100500,${radioId.toLowerCase()},STS,5`)),
      );
      await waitUntil(() => console.unit('U-301').status === 'on-scene', 'on scene by radio');

      expect(console.unit('U-301')).toMatchObject({
        statusSource: 'radio',
        incidentId: incident.id,
        statusSince: START + 300_000,
      });
      expect(console.host.store.getIncident(incident.id)).toMatchObject({
        status: 'on-scene',
        enRouteAt: START + 60_000,
        onSceneAt: START + 300_000,
      });
      const raw = readDatabase(
        console.host.store,
        (db) =>
          db
            .prepare("SELECT count(*) AS n FROM raw_inputs WHERE source = 'serial:radio' AND status = 'parsed'")
            .get() as { n: number },
      );
      expect(raw.n).toBe(3);
    },
  );
});
