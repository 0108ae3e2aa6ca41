// The README's picture (docs/screenshots/console-ar.png): the console in Arabic at 1920×1080 under
// load in the middle of a shift — ten calls waiting, incidents on the board with units dispatched to them, every
// tracked unit on the map. Everything arrives through the typed client and the MQTT broker, as it
// would from other windows and the vehicles; each run of this spec refreshes the picture.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import type { RemoteApi } from '../../src-shared/contract/api';
import type { CreateIncidentArgs, ReceiveCallArgs } from '../../src-shared/contract/schemas';
import { encodeNidaPayload } from '../../src-shared/domain/avl/payloads';
import type { IncidentRecord } from '../../src-shared/domain/incident';
import { seededRandom } from '../../src-shared/domain/random';
import type { UnitRecord, UnitStatus } from '../../src-shared/domain/unit';
import { REPO_ROOT } from '../support/prerequisites';
import { importDemoRoster, offset } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { trackerLogin } from './support/console';
import { missingTranslationKeys, openConsole, saveScreenshot, untranslatedLatinText } from './support/driver';
import { expect, test } from './support/fixtures';
// The renderer's read-only map probe (window.__nidaMap) and its type.
import type {} from '../../src-renderer/features/map/mapProbe';

const HERO = join(REPO_ROOT, 'docs', 'screenshots', 'console-ar.png');
/** Central Baghdad, both banks of the Tigris. */
const BAGHDAD: [number, number] = [44.395, 33.315];

/** Calls still ringing, as the telephony system reports them (two mobiles with a fix, a landline). */
const WAITING_CALLS: readonly ReceiveCallArgs[] = [
  {
    source: 'ali',
    callerNumber: '07701234567',
    classOfService: 'WPH2',
    location: { lat: 33.3012, lon: 44.3521, accuracyM: 25, source: 'ali' },
  },
  {
    source: 'ali',
    callerNumber: '07809876543',
    classOfService: 'WPH2',
    location: { lat: 33.3481, lon: 44.4012, accuracyM: 40, source: 'ali' },
  },
  { source: 'ali', callerNumber: '017183344', classOfService: 'RESD', address: 'زيونة، شارع الربيعي' },
  // A busy minute: seven more mobiles ringing at once (the alarm area stays bounded).
  ...[
    [33.3275, 44.3712],
    [33.2962, 44.4118],
    [33.3549, 44.3486],
    [33.2881, 44.3302],
    [33.3398, 44.4353],
    [33.3127, 44.3891],
    [33.3655, 44.4207],
  ].map(([lat = 0, lon = 0], index): ReceiveCallArgs => ({
    source: 'ali',
    callerNumber: `0790${String(10_000_000 + index * 374_111).slice(1)}`,
    classOfService: 'WPH2',
    location: { lat, lon, accuracyM: 30 + index * 10, source: 'ali' },
  })),
];

interface Scene {
  readonly incident: CreateIncidentArgs;
  /** How far the dispatched units have got: none sent, on their way, or arrived. */
  readonly units: 'waiting' | 'en-route' | 'on-scene';
}

/** An hour's work in the middle of Baghdad: a fire, a crash, a cardiac arrest, a theft, a gas leak. */
const SCENES: readonly Scene[] = [
  {
    incident: {
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence', 'ambulance', 'police-patrols'],
      location: { lat: 33.3412, lon: 44.4005, source: 'ali' },
      address: 'شارع الرشيد، قرب سوق الشورجة',
      callerNumber: '07712223344',
    },
    units: 'on-scene',
  },
  {
    incident: {
      typeCode: 'traffic-accident-injuries',
      priority: 2,
      agencies: ['traffic-police', 'ambulance', 'police-patrols'],
      location: { lat: 33.2791, lon: 44.3912, source: 'map' },
      address: 'طريق محمد القاسم السريع، مقابل الجادرية',
      callerNumber: '07505556677',
    },
    units: 'en-route',
  },
  {
    incident: {
      typeCode: 'cardiac-arrest',
      priority: 1,
      agencies: ['ambulance'],
      location: { lat: 33.3152, lon: 44.3395, source: 'place' },
      address: 'المنصور، شارع ١٤ رمضان',
      callerNumber: '07731112233',
    },
    units: 'en-route',
  },
  {
    incident: {
      typeCode: 'gas-leak',
      priority: 2,
      agencies: ['civil-defence'],
      location: { lat: 33.3705, lon: 44.3649, source: 'ali' },
      address: 'الأعظمية، محلة ٣١٤',
    },
    units: 'waiting',
  },
  {
    incident: {
      typeCode: 'theft',
      priority: 3,
      agencies: ['police-patrols'],
      location: { lat: 33.3035, lon: 44.4268, source: 'place' },
      address: 'الكرادة داخل، قرب ساحة كهرمانة',
    },
    units: 'waiting',
  },
];

/** Sends the recommended units to a scene and moves them along as far as the scene says. */
async function work(api: RemoteApi, incident: IncidentRecord, progress: Scene['units']): Promise<void> {
  if (progress === 'waiting') return;
  const recommendation = await api.dispatch.recommend({ incidentId: incident.id });
  const unitIds = recommendation.slots.flatMap((slot) => slot.units.map((unit) => unit.unitId));
  if (unitIds.length === 0) throw new Error(`no unit recommended for ${incident.number}`);
  await api.dispatch.dispatch({ incidentId: incident.id, unitIds });
  const steps: readonly UnitStatus[] = progress === 'on-scene' ? ['en-route', 'on-scene'] : ['en-route'];
  for (const unitId of unitIds) for (const status of steps) await api.unit.setStatus({ unitId, status });
}

/** Where a unit's tracker puts it: near home when free, on the road or at the scene when sent. */
function fixFor(unit: UnitRecord, scenes: ReadonlyMap<string, IncidentRecord>, random: () => number) {
  const home = unit.home ?? { lat: BAGHDAD[1], lon: BAGHDAD[0] };
  const scene = unit.incidentId === null ? null : (scenes.get(unit.incidentId)?.location ?? null);
  const jitter = (metres: number) => offset(home, (random() - 0.5) * metres, (random() - 0.5) * metres);
  if (scene === null) return { ...jitter(1_600), speed: 0, heading: null };
  if (unit.status === 'on-scene')
    return { ...offset(scene, (random() - 0.5) * 80, (random() - 0.5) * 80), speed: 0, heading: null };
  const heading = (Math.atan2(scene.lon - home.lon, scene.lat - home.lat) * 180) / Math.PI;
  const share = 0.45 + random() * 0.3;
  return {
    lat: home.lat + (scene.lat - home.lat) * share,
    lon: home.lon + (scene.lon - home.lon) * share,
    speed: 14,
    heading: (heading + 360) % 360,
  };
}

test.use({ viewport: { width: 1920, height: 1080 } });

test.describe('README screenshot', () => {
  test('given a busy shift in Baghdad, when the Arabic console shows it, then docs/screenshots/console-ar.png is refreshed', async ({
    page,
    launchConsole,
  }) => {
    test.setTimeout(120_000);
    const nida = await launchConsole({
      config: { operator: { name: 'أمل', role: 'shift-lead' }, avl: { embedded: { port: 0 }, publishIntervalMs: 100 } },
    });
    const host = await connectRemote(nida);
    try {
      await importDemoRoster(host.api);
      const scenes = new Map<string, IncidentRecord>();
      for (const { incident, units } of SCENES) {
        const created = await host.api.incident.create(incident);
        scenes.set(created.id, created);
        await work(host.api, created, units);
      }
      for (const call of WAITING_CALLS) await host.api.call.receive(call);

      // Every tracker reports once, through the broker the vehicles use.
      const tracked = (await host.api.unit.list({})).filter((unit) => unit.deviceId !== null);
      const { broker } = await host.api.avl.status({});
      const trackers = await connectAsync(broker.url, {
        clientId: 'screenshot-trackers',
        protocolVersion: 4,
        ...trackerLogin(nida),
      });
      const random = seededRandom(911);
      for (const unit of tracked) {
        const { lat, lon, speed, heading } = fixFor(unit, scenes, random);
        await trackers.publishAsync(
          `nida/avl/${unit.deviceId ?? ''}`,
          encodeNidaPayload({ lat, lon, at: Date.now(), speed, heading, accuracyM: 8 }),
          { qos: 1 },
        );
      }
      await trackers.endAsync();
      await expect.poll(async () => (await host.api.avl.positions({})).length).toBe(tracked.length);

      await openConsole(page, nida.url);
      await expect(page.getByTestId('queue-call')).toHaveCount(WAITING_CALLS.length);
      await expect(page.getByTestId('queue-incident')).toHaveCount(SCENES.length);
      // The whole board (committed units first: those at the fire, on their way to the crash and the
      // cardiac arrest) and every agency's units on the map.
      await expect(page.locator('[data-testid="unit-row"][data-status="en-route"]').first()).toBeVisible();
      await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });
      await page.evaluate((centre) => window.__nidaMap?.jumpTo(centre, 11.2), BAGHDAD);
      await expect
        .poll(() => page.evaluate(() => new Set(window.__nidaMap?.renderedIds('units-dot')).size), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(tracked.length * 0.8);
      await page.waitForFunction(() => window.__nidaMap?.idle() === true, undefined, { timeout: 30_000 });
      expect(await missingTranslationKeys(page)).toEqual([]);
      expect(await untranslatedLatinText(page)).toEqual([]);

      const shot = await saveScreenshot(page, 'console-ar');
      mkdirSync(join(REPO_ROOT, 'docs', 'screenshots'), { recursive: true });
      copyFileSync(shot, HERO);
    } finally {
      await host.close();
    }
  });
});
