// The operations map in headless Chromium (software GL here): 5,000 units moving at 1 Hz while the
// map pans every frame, against the same map with no units panned the same way in the same run.
// Positions reach the page the way the host sends them (onUnitPositions batches on the console's
// WebSocket, merged per unit and sent four times a second), injected into that socket by
// Playwright so the figure is the map's and not the broker's. Also: start of the page to the map idle.
import { existsSync } from 'node:fs';
import { chromium, type Page, type WebSocketRoute } from 'playwright-core';
import type { MapProbe } from '../src-renderer/features/map/mapProbeApi';
import type { UnitPosition } from '../src-shared/domain/unit';
import { percentile, type BenchFigure, type Benchmark } from './harness';
import { CHROMIUM, RENDERER_INDEX } from './shared';
import { startConsole } from '../tests/e2e/support/console';

/** The page's global with the map probe (the bench compiles without DOM types). */
interface ProbeHolder {
  readonly __nidaMap?: MapProbe;
}

const UNITS = 5_000;
const BATCHES_PER_SECOND = 4;
const MEASURE_MS = 10_000;
const BAGHDAD: [number, number] = [44.37, 33.32];
/** City level: units are drawn one by one (clusters end at zoom 9). */
const ZOOM = 11;
/** Street level: agency icons, heading arrows and callsigns are drawn. */
const STREET_ZOOM = 14;

interface FrameStats {
  readonly frames: number[];
  readonly longestTaskMs: number;
}

/** Deterministic walkers around Baghdad: each moves ~15 m/s on its own heading. */
function makeUnits(): { lat: number; lon: number; heading: number }[] {
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: UNITS }, () => ({
    lat: BAGHDAD[1] + (random() - 0.5) * 0.3,
    lon: BAGHDAD[0] + (random() - 0.5) * 0.36,
    heading: random() * 360,
  }));
}

function batch(units: ReturnType<typeof makeUnits>, part: number, at: number): string {
  const positions: UnitPosition[] = [];
  for (let i = part; i < units.length; i += BATCHES_PER_SECOND) {
    const unit = units[i];
    if (!unit) continue;
    const rad = (unit.heading * Math.PI) / 180;
    unit.lat += (Math.cos(rad) * 15) / 111_000;
    unit.lon += (Math.sin(rad) * 15) / 93_000;
    positions.push({
      unitId: `u${String(i).padStart(4, '0')}`,
      lat: unit.lat,
      lon: unit.lon,
      at,
      speed: 15,
      heading: unit.heading,
      accuracyM: 5,
      source: 'mqtt',
      freshness: 'live',
    });
  }
  return JSON.stringify({ type: 'event', name: 'onUnitPositions', payload: { positions } });
}

/**
 * Pans every frame for MEASURE_MS and records each frame's duration and the longest main-thread
 * task. Kept as source text: tsx would wrap named functions in a helper the page does not have.
 */
const PAN_AND_MEASURE = `(duration) => new Promise((resolve) => {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const frames = [];
  let last = performance.now();
  const start = last;
  let direction = 1;
  function step(now) {
    frames.push(now - last);
    last = now;
    if (frames.length % 120 === 0) direction = -direction;
    window.__nidaMap.panBy(3 * direction, 1.5 * direction);
    if (now - start < duration) requestAnimationFrame(step);
    else {
      observer.disconnect();
      resolve({ frames: frames.slice(1), longestTaskMs: longest });
    }
  }
  requestAnimationFrame(step);
})`;

async function measurePanning(page: Page): Promise<FrameStats> {
  return page.evaluate<FrameStats>(`(${PAN_AND_MEASURE})(${String(MEASURE_MS)})`);
}

async function run(): Promise<BenchFigure[]> {
  if (!existsSync(RENDERER_INDEX)) throw new Error('no built console: run `npm run build` first');
  const nida = await startConsole();
  const browser = await chromium.launch({
    executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'ar-IQ' });
    let socket: WebSocketRoute | null = null;
    await page.routeWebSocket(/\/ws/, (route) => {
      route.connectToServer();
      socket = route;
    });

    // App start to map idle: navigation start to the first frame with everything loaded.
    await page.goto(nida.url);
    await page.waitForFunction(() => (globalThis as ProbeHolder).__nidaMap?.idle() === true, undefined, {
      polling: 'raf',
      timeout: 60_000,
    });
    const idleMs = await page.evaluate(() => performance.now());

    await page.evaluate(([centre, zoom]) => (globalThis as ProbeHolder).__nidaMap?.jumpTo(centre, zoom), [
      BAGHDAD,
      ZOOM,
    ] as const);
    await page.waitForFunction(() => (globalThis as ProbeHolder).__nidaMap?.idle() === true, undefined, {
      timeout: 60_000,
    });
    const empty = await measurePanning(page);

    const units = makeUnits();
    let part = 0;
    const send = (): void => {
      socket?.send(batch(units, part % BATCHES_PER_SECOND, Date.now()));
      part++;
    };
    for (let i = 0; i < BATCHES_PER_SECOND; i++) send(); // every unit placed once before measuring
    await page.waitForFunction(
      (count) => ((globalThis as ProbeHolder).__nidaMap?.renderedIds('units-dot').length ?? 0) > count,
      UNITS / 10,
      { timeout: 60_000 },
    );
    const timer = setInterval(send, 1000 / BATCHES_PER_SECOND);
    let loaded: FrameStats;
    let street: FrameStats;
    let drawn: number;
    let drawnStreet: number;
    try {
      loaded = await measurePanning(page);
      drawn = await page.evaluate(() => (globalThis as ProbeHolder).__nidaMap?.renderedIds('units-dot').length ?? 0);
      // Street level: every unit in view with its agency icon, heading arrow and callsign.
      await page.evaluate(([centre, zoom]) => (globalThis as ProbeHolder).__nidaMap?.jumpTo(centre, zoom), [
        BAGHDAD,
        STREET_ZOOM,
      ] as const);
      await page.waitForFunction(() => (globalThis as ProbeHolder).__nidaMap?.idle() === true, undefined, {
        timeout: 60_000,
      });
      street = await measurePanning(page);
      drawnStreet = await page.evaluate(
        () => (globalThis as ProbeHolder).__nidaMap?.renderedIds('units-dot').length ?? 0,
      );
    } finally {
      clearInterval(timer);
    }
    const sortedEmpty = [...empty.frames].sort((a, b) => a - b);
    const sortedLoaded = [...loaded.frames].sort((a, b) => a - b);
    const sortedStreet = [...street.frames].sort((a, b) => a - b);
    const fps = (frames: readonly number[]): number => (frames.length * 1000) / frames.reduce((a, b) => a + b, 0);
    process.stdout.write(
      `  frames: ${String(sortedLoaded.length)} city-wide (${String(drawn)} units on screen), ` +
        `${String(street.frames.length)} street level (${String(drawnStreet)} units), ${String(sortedEmpty.length)} empty\n`,
    );
    return [
      {
        name: 'frame time p50, 5,000 units at 1 Hz, panning, city level (zoom 11)',
        value: percentile(sortedLoaded, 50),
        unit: 'ms',
        baseline: { name: 'empty map, same pan', value: percentile(sortedEmpty, 50) },
        better: 'lower',
      },
      {
        name: 'frame time p95, 5,000 units at 1 Hz, panning, city level (zoom 11)',
        value: percentile(sortedLoaded, 95),
        unit: 'ms',
        baseline: { name: 'empty map, same pan', value: percentile(sortedEmpty, 95) },
        better: 'lower',
      },
      {
        name: 'frames per second, 5,000 units, panning',
        value: fps(loaded.frames),
        unit: 'fps',
        baseline: { name: 'empty map, same pan', value: fps(empty.frames) },
        better: 'higher',
      },
      {
        name: 'longest main-thread task, 5,000 units, panning',
        value: loaded.longestTaskMs,
        unit: 'ms',
        baseline: { name: 'empty map, same pan', value: empty.longestTaskMs },
        better: 'lower',
      },
      {
        name: `frame time p50, street level (zoom ${String(STREET_ZOOM)}), icons and callsigns`,
        value: percentile(sortedStreet, 50),
        unit: 'ms',
        baseline: { name: 'empty map, city level', value: percentile(sortedEmpty, 50) },
        better: 'lower',
      },
      {
        name: `frame time p95, street level (zoom ${String(STREET_ZOOM)}), icons and callsigns`,
        value: percentile(sortedStreet, 95),
        unit: 'ms',
        baseline: { name: 'empty map, city level', value: percentile(sortedEmpty, 95) },
        better: 'lower',
      },
      {
        name: 'longest main-thread task, street level',
        value: street.longestTaskMs,
        unit: 'ms',
        baseline: { name: 'empty map, city level', value: empty.longestTaskMs },
        better: 'lower',
      },
      { name: 'page start to map idle (Iraq basemap)', value: idleMs, unit: 'ms', better: 'lower' },
    ];
  } finally {
    await browser.close();
    await nida.stop();
  }
}

const benchmark: Benchmark = {
  name: 'map',
  description: `operations map in headless Chromium: ${String(UNITS)} units moving at 1 Hz while panning, vs an empty map`,
  run,
};
export default benchmark;
