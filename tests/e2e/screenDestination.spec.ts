// Issue 17, the unit board: an ambulance's MDT reports "transporting" with its hospital over MQTT,
// and the board row (and the incident's assigned units) name the hospital, isolated in a <bdi>.
import { connectAsync } from 'mqtt';
import { encodeNidaPayload } from '../../src-shared/domain/avl/payloads';
import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { trackerLogin } from './support/console';
import { missingTranslationKeys, openConsole } from './support/driver';
import { expect, test } from './support/fixtures';

test.use({ viewport: { width: 1920, height: 1080 } });

/** The demo roster's first ambulance and its tracker. */
const AMBULANCE = { id: 'U-201', deviceId: 'sim-0017' };
const HOSPITAL = 'مستشفى اليرموك';

test.describe('screen: a transport names its hospital', () => {
  test('given an ambulance reports transporting with its hospital from its MDT, then its board row shows the hospital', async ({
    page,
    launchConsole,
  }) => {
    test.setTimeout(90_000);
    const nida = await launchConsole({
      config: {
        operator: { name: 'Shift Lead', role: 'shift-lead' },
        avl: { embedded: { port: 0 }, publishIntervalMs: 100 },
      },
    });
    const client = await connectRemote(nida);
    await importDemoRoster(client.api);
    const incident = await client.api.incident.create({
      typeCode: 'cardiac-arrest',
      priority: 1,
      agencies: ['ambulance'],
      location: { lat: 33.3128, lon: 44.3615, source: 'map' },
    });
    await client.api.dispatch.dispatch({ incidentId: incident.id, unitIds: [AMBULANCE.id] });
    await client.api.unit.setStatus({ unitId: AMBULANCE.id, status: 'on-scene' });
    await openConsole(page, nida.url);
    const row = page.locator(`[data-testid="unit-row"][data-unit-id="${AMBULANCE.id}"]`);
    await expect(row).toHaveAttribute('data-status', 'on-scene');
    await expect(row.getByTestId('unit-destination')).toHaveCount(0);

    // The crew leaves for the hospital: its MDT says so with the fix, through the console's broker.
    const { broker } = await client.api.avl.status({});
    const mdt = await connectAsync(broker.url, {
      clientId: 'destination-mdt',
      protocolVersion: 4,
      ...trackerLogin(nida),
    });
    try {
      const fix = { lat: 33.31, lon: 44.355, at: Date.now(), speed: 12, heading: 250, accuracyM: 6 };
      await mdt.publishAsync(
        `nida/avl/${AMBULANCE.deviceId}`,
        encodeNidaPayload(fix, 'transporting', `\u202B${HOSPITAL}\u202C`),
        { qos: 1 },
      );
    } finally {
      await mdt.endAsync();
    }

    await expect(row).toHaveAttribute('data-status', 'transporting');
    const destination = row.getByTestId('unit-destination');
    await expect(destination).toBeVisible();
    // The name as the hospital is called (bidi controls stripped), in its own isolate.
    await expect(destination.locator('bdi')).toHaveText(HOSPITAL);
    expect(await missingTranslationKeys(page)).toEqual([]);
  });
});
