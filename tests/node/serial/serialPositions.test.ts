import { describe, expect, it } from 'vitest';
import { consolePositionId, nmeaFixToDeviceFix } from '../../../src-main/services/serial/serialService';
import type { UnitPosition } from '../../../src-shared/domain/unit';
import { inProcessApi } from '../../support/remoteClient';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost, testContext, useTestHosts } from '../support/testHost';
import { waitUntil } from '../support/waitUntil';
import { encodeRadioLine } from '../../../src-shared/domain/protocols/radio';
import { START } from '../../support/scenario';
import { requirePrerequisites } from '../../support/prerequisites';
import { playDevice, socat, startPtyPair } from './ptyPair';

const withoutSocat = requirePrerequisites(socat());

function nmea(body: string): string {
  let checksum = 0;
  for (const char of body) checksum ^= char.charCodeAt(0);
  return `$${body}*${checksum.toString(16).toUpperCase().padStart(2, '0')}\r\n`;
}

// A receiver near Tahrir Square: cycles of GGA + RMC, 10 knots east. A cycle is complete when the next
// begins, or at once on its configured last sentence (the console's own receiver ends cycles with RMC).
const twoCycles =
  nmea('GPGGA,103000.00,3318.7680,N,04421.6900,E,1,08,0.9,34.2,M,-25.0,M,,') +
  nmea('GPRMC,103000.00,A,3318.7680,N,04421.6900,E,10.0,90.0,291126,,,A') +
  nmea('GPGGA,103001.00,3318.7690,N,04421.6960,E,1,08,0.9,34.4,M,-25.0,M,,') +
  nmea('GPRMC,103001.00,A,3318.7690,N,04421.6960,E,10.0,90.0,291126,,,A');
const receiverLog = twoCycles + nmea('GPGGA,103002.00,3318.7700,N,04421.7020,E,1,08,0.9,34.5,M,-25.0,M,,');

describe('serial devices feed unit positions (NMEA receivers, GPS-equipped radios)', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();
  const { startHost: startDispatchHost } = useTestHosts();

  it('given a cycle without a fix, when converted, then there is no position; with a 3D fix, the HDOP gives the accuracy radius', () => {
    const base = { time: '2026-11-29T10:30:00.000Z', alt: 34, speed: 5.1, track: 90, satellites: 8, hdop: 0.9 };

    expect(nmeaFixToDeviceFix({ ...base, lat: null, lon: null, mode: 1 }, 0)).toBeNull();
    expect(nmeaFixToDeviceFix({ ...base, lat: 33.3, lon: 44.4, mode: 1 }, 0)).toBeNull();
    expect(nmeaFixToDeviceFix({ ...base, lat: 33.3, lon: 44.4, mode: 3 }, 0)).toEqual({
      lat: 33.3,
      lon: 44.4,
      at: Date.parse('2026-11-29T10:30:00.000Z'),
      speed: 5.1,
      heading: 90,
      accuracyM: expect.closeTo(4.5, 6) as number,
    });
    expect(nmeaFixToDeviceFix({ ...base, time: null, lat: 33.3, lon: 44.4, mode: 2 }, 1234)?.at).toBe(1234);
  });

  it.skipIf(withoutSocat !== null)(
    "given receivers on real ptys (one in an ambulance, one the console's own), when they report, then both positions appear in AVL",
    async () => {
      const directory = tempDir();
      const vehicle = await startPtyPair(directory, 'gps-amb');
      defer(() => vehicle.stop());
      const own = await startPtyPair(directory, 'gps-own');
      defer(() => own.stop());
      const { host, clock } = createTestHost(tempDir(), {
        serial: {
          ports: [
            { id: 'gps-amb', path: vehicle.console, protocol: 'nmea', baudRate: 4800, unitId: 'AMB-07' },
            { id: 'gps-own', path: own.console, protocol: 'nmea', baudRate: 4800, cycleEnd: 'RMC' },
          ],
        },
      });
      defer(() => host.dispose());
      // Fix times are the receiver's (29 Nov 2026 10:30 UTC); the host clock must agree that they are fresh.
      clock.set(Date.parse('2026-11-29T10:30:02.000Z'));
      await waitUntil(
        () => host.links.list().filter((link) => link.kind === 'serial' && link.state === 'up').length === 2,
        'both receivers open',
      );

      await Promise.all([
        playDevice(vehicle.device, Buffer.from(receiverLog), 4800 / 10),
        playDevice(own.device, Buffer.from(twoCycles)),
      ]);

      let positions: readonly UnitPosition[] = [];
      await waitUntil(() => {
        void inProcessApi(host, testContext)
          .avl.positions({})
          .then((list) => (positions = list));
        const second = Date.parse('2026-11-29T10:30:01.000Z');
        return positions.length === 2 && positions.every((position) => position.at === second);
      }, 'both receivers at their second fix in AVL');
      const byUnit = new Map(positions.map((position) => [position.unitId, position]));
      expect(byUnit.get('AMB-07')).toMatchObject({
        source: 'nmea',
        lat: expect.closeTo(33.312817, 5) as number,
        lon: expect.closeTo(44.3616, 5) as number,
        at: Date.parse('2026-11-29T10:30:01.000Z'),
      });
      expect(byUnit.get(consolePositionId('C1'))?.source).toBe('nmea');
    },
  );

  it.skipIf(withoutSocat !== null)(
    "given a unit's radio, when a frame with a position arrives on a real pty, then that unit moves (source radio); a radio no unit carries moves nothing",
    async () => {
      const pty = await startPtyPair(tempDir(), 'radio');
      defer(() => pty.stop());
      const console = startDispatchHost({
        roster: true,
        config: { serial: { ports: [{ id: 'radio', path: pty.console, protocol: 'radio' }] } },
      });
      const radioId = console.unit('U-301').radioId ?? '';
      await waitUntil(
        () => console.host.links.list().some((link) => link.id === 'serial:radio' && link.state === 'up'),
        'radio port open',
      );

      await playDevice(
        pty.device,
        new TextEncoder().encode(
          encodeRadioLine(`RDG,1,100100,${radioId},STS,4,33.31280,44.36150`) +
            encodeRadioLine('RDG,2,100101,BEEF,STS,4,33.30000,44.40000'),
        ),
      );

      let positions: readonly UnitPosition[] = [];
      await waitUntil(() => {
        void console.api.avl.positions({}).then((list) => (positions = list));
        return positions.length > 0;
      }, 'the radio position in AVL');
      expect(positions).toEqual([
        expect.objectContaining({ unitId: 'U-301', source: 'radio', lat: 33.3128, lon: 44.3615, at: START }),
      ]);
    },
  );
});
