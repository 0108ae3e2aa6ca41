// The device side of bench/avl.bench.ts, run in its own process so the publishers do not share the
// host's event loop: `steady` drives N simulated units at R Hz for S seconds; `burst` publishes
// TOTAL fixes (QoS 1) as fast as mqtt.js can. Fix times are the wall clock at publish, so the
// bench measures publish → window latency from the fix time. Prints one JSON line when done.
import mqtt from 'mqtt';
import { encodeNidaPayload } from '../src-shared/domain/avl/payloads';
import { simulatedDeviceId, startUnitSimulator } from '../src-main/services/avl/simulator';
import { BAGHDAD_BOX } from '../src-shared/domain/geo';
import { seededRandom } from '../src-shared/domain/random';

interface LoadArgs {
  readonly url: string;
  readonly mode: 'steady' | 'burst';
  readonly count: number;
  readonly rate: number;
  readonly seconds: number;
  readonly total: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as LoadArgs;

async function steady(): Promise<number> {
  const simulator = await startUnitSimulator({
    brokerUrl: args.url,
    count: args.count,
    rateHz: args.rate,
    seconds: args.seconds,
    random: seededRandom(11),
  });
  await simulator.done;
  return simulator.published();
}

async function burst(): Promise<number> {
  const client = await mqtt.connectAsync(args.url, { clientId: 'nida-bench-burst', protocolVersion: 4 });
  const random = seededRandom(13);
  const spots = Array.from({ length: args.count }, () => ({
    lat: BAGHDAD_BOX.minLat + random() * (BAGHDAD_BOX.maxLat - BAGHDAD_BOX.minLat),
    lon: BAGHDAD_BOX.minLon + random() * (BAGHDAD_BOX.maxLon - BAGHDAD_BOX.minLon),
  }));
  const lastAt = new Array<number>(args.count).fill(0);
  let acknowledged = 0;
  await new Promise<void>((resolve) => {
    let index = 0;
    // Publish in slices so the socket drains between them (a 50,000-deep synchronous loop would
    // only measure mqtt.js buffering).
    const slice = (): void => {
      const end = Math.min(args.total, index + 1_000);
      for (; index < end; index++) {
        const unit = index % args.count;
        const at = Math.max(Date.now(), (lastAt[unit] ?? 0) + 1);
        lastAt[unit] = at;
        const spot = spots[unit] ?? { lat: 33.3, lon: 44.4 };
        const payload = encodeNidaPayload({ ...spot, at, speed: 0, heading: null, accuracyM: 5 });
        client.publish(`nida/avl/${simulatedDeviceId(unit)}`, payload, { qos: 1 }, () => {
          acknowledged++;
          if (acknowledged === args.total) resolve();
        });
      }
      if (index < args.total) setImmediate(slice);
    };
    slice();
  });
  await client.endAsync();
  return acknowledged;
}

const published = args.mode === 'steady' ? await steady() : await burst();
process.stdout.write(`${JSON.stringify({ published })}\n`);
