// Sub-stations (docs/center.md, "Sub-stations"): a site's NATS server is a leaf node of the hub with
// its own JetStream domain; its consoles use it as their center. The hub's stream sources the site's,
// the site's sources the hub's. Cut off from the hub the site keeps working; healed, both have it all.
import { describe, expect, it } from 'vitest';
import { freeLoopbackPort, startNatsServer, type NatsServer } from '../../support/natsServer';
import { createIncident } from '../../support/scenario';
import type { HostUnderTest } from '../support/testHost';
import { eventually } from '../support/waitUntil';
import { HUB_DOMAIN, streamEvents, useCenter, withoutNats } from './centerSupport';

const SITE = 'site-kadhimiya';

async function leafConnections(hub: NatsServer): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${String(hub.monitorPort)}/leafz`).catch(() => null);
  if (!response?.ok) return 0;
  return ((await response.json()) as { leafnodes: number }).leafnodes;
}

const settled = (console: HostUnderTest): Promise<boolean> => {
  const status = console.host.center?.status();
  return Promise.resolve(status?.link === 'connected' && status.outbox === 0);
};

describe.skipIf(withoutNats())('a sub-station', () => {
  const center = useCenter();

  it('given a hub and a sub-station on a leaf node with its own domain, when the hub dies, then the site keeps working, and when it comes back the hub has every site event and the site the hub roster changes', async () => {
    const leafPort = await freeLoopbackPort();
    const hub = await startNatsServer(center.tempDir('nida-hub-'), {
      name: 'hub',
      jetstreamDomain: HUB_DOMAIN,
      extraConfig: ['leafnodes {', `  listen: 127.0.0.1:${String(leafPort)}`, '}'],
    });
    center.defer(() => hub.stop());
    const site = await startNatsServer(center.tempDir('nida-site-'), {
      name: 'site',
      jetstreamDomain: SITE,
      extraConfig: ['leafnodes {', `  remotes: [ { url: "nats-leaf://127.0.0.1:${String(leafPort)}" } ]`, '}'],
    });
    center.defer(() => site.stop());
    await eventually(async () => (await leafConnections(hub)) === 1, 'the leaf connected', 20_000);
    await center.initCenter([site.url], 1, 120, { site: SITE });
    await center.initCenter([hub.url], 1, 120, { sites: [SITE] });

    const atHub = center.startConsole('C1', [hub.url], { roster: true, role: 'shift-lead' });
    const atSite = center.startConsole('C101', [site.url], {
      config: { center: { code: 'BGD', servers: [site.url], site: SITE, requestTimeoutMs: 2_000 } },
    });
    for (const console of [atHub, atSite]) await console.host.center?.whenCaughtUp();
    await eventually(async () => (await atSite.api.unit.list({})).length > 0, "the hub's roster at the site", 30_000);
    const before = await createIncident(atSite.api);
    await eventually(
      async () => (await atHub.api.incident.listOpen({})).some((incident) => incident.id === before.id),
      'a site incident at the hub',
      30_000,
    );

    // The hub dies: the site's consoles still have their center (the site's server) and keep working.
    await hub.kill();
    const during: Awaited<ReturnType<typeof createIncident>>[] = [];
    for (let index = 0; index < 20; index++) during.push(await createIncident(atSite.api));
    const [first] = during;
    if (!first) throw new Error('no incident');
    const unitId = (await atSite.api.unit.list({})).find((unit) => unit.status === 'available')?.id ?? '';
    await atSite.api.dispatch.dispatch({ incidentId: first.id, unitIds: [unitId] });
    await eventually(() => settled(atSite), 'the site settled on its own server');
    expect(atSite.host.center?.status().link).toBe('connected');
    expect(atSite.host.center?.status().provisional.units).toEqual([]);

    await hub.start();
    await eventually(async () => (await leafConnections(hub)) === 1, 'the leaf reconnected', 30_000);
    await eventually(() => settled(atHub), 'the hub console back', 30_000);
    const renamed = atHub.host.units.get('U-101');
    if (!renamed) throw new Error('no U-101 at the hub');
    await atHub.api.unit.save({
      unit: {
        id: renamed.id,
        callsign: renamed.callsign,
        agency: renamed.agency,
        kind: renamed.kind,
        capabilities: [...renamed.capabilities],
        station: 'مركز شرطة الكاظمية',
        home: renamed.home,
        radioId: renamed.radioId,
        deviceId: renamed.deviceId,
        crew: renamed.crew,
      },
    });

    await eventually(
      async () => {
        const open = await atHub.api.incident.listOpen({});
        return [before, ...during].every((incident) => open.some((held) => held.id === incident.id));
      },
      'every site incident at the hub',
      60_000,
    );
    await eventually(
      () => Promise.resolve(atHub.host.units.get(unitId)?.incidentId === first.id),
      "the site's dispatch at the hub",
      30_000,
    );
    await eventually(
      () => Promise.resolve(atSite.host.units.get('U-101')?.station === 'مركز شرطة الكاظمية'),
      "the hub's roster change at the site",
      30_000,
    );
    for (const console of [atHub, atSite]) await console.host.center?.whenCaughtUp(30_000);
    expect(atHub.host.store.projectionDigest()).toBe(atSite.host.store.projectionDigest());

    // Each event once in each log: the site's under its own subjects, sourced into the hub's.
    for (const server of [hub, site]) {
      const events = await streamEvents([server.url]);
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    }
    const atHubLog = await streamEvents([hub.url]);
    expect(atHubLog.filter((event) => event.subject.startsWith(`nida.BGD.sites.${SITE}.`)).length).toBeGreaterThan(20);
  }, 180_000);
});
