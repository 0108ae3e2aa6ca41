// The operations map in headless Chromium (software GL here): 5,000 units moving at 1 Hz while the
// map pans every frame, against the same map with no units panned the same way in the same run.
// Positions reach the page the way the host sends them (onUnitPositions batches on the console's
// WebSocket, merged per unit and sent four times a second), injected into that socket by
// Playwright so the figure is the map's and not the broker's. Also: start of the page to the map idle,
// and the first idle at Baghdad street level with the whole basemap against today's (the layers
// before issue 18), fresh pages taken in turn.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type WebSocketRoute } from 'playwright-core';
import type { MapProbe } from '../src-renderer/features/map/mapProbeApi';
import type { UnitPosition } from '../src-shared/domain/unit';
import { percentile, type BenchFigure, type Benchmark } from './harness';
import { CHROMIUM, RENDERER_INDEX, signInBench } from './shared';
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

/** The first view at street level the basemap's street-level layers are measured at. */
const FIRST_IDLE_ZOOM = 12;
/** Fresh pages per variant, taken in turn (old, new, old, new…) so a busy moment hits both. */
const FIRST_IDLE_RUNS = 7;
const VIEWPORT = { width: 1600, height: 900 };
/**
 * The files of the layers issue 18 added (sub-district lines, neighbourhoods, towns and villages,
 * rivers and lakes), as Vite names the bundled assets: served empty for today's basemap.
 */
const STREET_LEVEL_FILES = /\/assets\/(?:boundaries|neighbourhoods|localities|water)-[\w-]+\.geojson$/;
const EMPTY_COLLECTION = '{"type":"FeatureCollection","features":[]}';
/** The label points, which now also hold the neighbourhoods' (kind `neighbourhood`): left out for today's. */
const LABEL_FILE = /\/assets\/labels-[\w-]+\.geojson$/;

interface LabelCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly { readonly properties: { readonly kind?: string } }[];
}

/**
 * Jumps to a view and resolves with the milliseconds until the map is idle there. `idle()` right
 * after the jump still describes the old view, so a frame must be drawn first. Source text, as below.
 */
const JUMP_UNTIL_IDLE = `(centre, zoom) => new Promise((resolve) => {
  const probe = window.__nidaMap;
  const frames = probe.frames();
  const start = performance.now();
  probe.jumpTo(centre, zoom);
  function check() {
    if (probe.frames() > frames && probe.idle()) resolve(performance.now() - start);
    else requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
})`;

interface FirstIdle {
  /** Navigation start to the map idle over Iraq, less the time the sign-in form took to fill. */
  readonly startMs: number;
  /** From the jump to Baghdad at FIRST_IDLE_ZOOM to the map idle there. */
  readonly streetMs: number;
  /**
   * CPU time the page's main thread and the map's worker spent in that jump: on a shared machine
   * wall time mostly measures the other processes, CPU time what the map did.
   */
  readonly streetCpuMs: number;
}

/** Thread CPU time of the page's main thread and its workers in a Chromium trace. */
function rendererCpuMs(traceFile: string): number {
  const { traceEvents } = JSON.parse(readFileSync(traceFile, 'utf8')) as {
    traceEvents: { name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }[];
  };
  const threads = new Set(
    traceEvents
      .filter(
        (event) => event.name === 'thread_name' && /^(CrRendererMain|DedicatedWorker)/.test(event.args?.name ?? ''),
      )
      .map((event) => `${String(event.pid)}:${String(event.tid)}`),
  );
  let micros = 0;
  for (const event of traceEvents) {
    if (event.ph !== 'X' || event.name !== 'ThreadControllerImpl::RunTask' || event.tdur === undefined) continue;
    if (threads.has(`${String(event.pid)}:${String(event.tid)}`)) micros += event.tdur;
  }
  return micros / 1000;
}

/** A fresh page (its own context, so nothing is cached): the map idle over Iraq, then at Baghdad. */
async function firstIdle(browser: Browser, url: string, todaysBasemap: boolean): Promise<FirstIdle> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ar-IQ' });
  try {
    // The context's routes also see the map's worker, which fetches the GeoJSON.
    if (todaysBasemap) {
      await context.route(STREET_LEVEL_FILES, (route) =>
        route.fulfill({ status: 200, contentType: 'application/geo+json', body: EMPTY_COLLECTION }),
      );
      await context.route(LABEL_FILE, async (route) => {
        const labels = (await (await route.fetch()).json()) as LabelCollection;
        const features = labels.features.filter((feature) => feature.properties.kind !== 'neighbourhood');
        await route.fulfill({ status: 200, contentType: 'application/geo+json', json: { ...labels, features } });
      });
    }
    const page = await context.newPage();
    await page.goto(url);
    const signInMs = await signInBench(page);
    await page.waitForFunction(() => (globalThis as ProbeHolder).__nidaMap?.idle() === true, undefined, {
      polling: 'raf',
      timeout: 60_000,
    });
    const startMs = (await page.evaluate(() => performance.now())) - signInMs;
    const traceDir = mkdtempSync(join(tmpdir(), 'nida-map-trace-'));
    const traceFile = join(traceDir, 'trace.json');
    let streetMs: number;
    let streetCpuMs: number;
    try {
      await browser.startTracing(page, {
        path: traceFile,
        categories: ['toplevel', 'disabled-by-default-devtools.timeline'],
      });
      streetMs = await page.evaluate<number>(
        `(${JUMP_UNTIL_IDLE})(${JSON.stringify(BAGHDAD)}, ${String(FIRST_IDLE_ZOOM)})`,
      );
      await browser.stopTracing();
      streetCpuMs = rendererCpuMs(traceFile);
    } finally {
      rmSync(traceDir, { recursive: true, force: true });
    }
    const neighbourhoods = await page.evaluate(
      () =>
        (globalThis as ProbeHolder).__nidaMap?.renderedText(
          ['basemap-neighbourhoods', 'basemap-neighbourhood-labels'],
          'name_ar',
        ).length ?? 0,
    );
    // The baseline must really lack the new layers, and the full map really have them.
    if (neighbourhoods > 0 === todaysBasemap) {
      throw new Error(`neighbourhoods ${todaysBasemap ? 'drawn on today’s basemap' : 'missing'} at Baghdad`);
    }
    return { startMs, streetMs, streetCpuMs };
  } finally {
    await context.close();
  }
}

const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

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
    const full: FirstIdle[] = [];
    const today: FirstIdle[] = [];
    for (let run = 0; run < FIRST_IDLE_RUNS; run++) {
      today.push(await firstIdle(browser, nida.url, true));
      full.push(await firstIdle(browser, nida.url, false));
    }
    const list = (runs: readonly FirstIdle[], key: 'streetMs' | 'streetCpuMs'): string =>
      runs.map((r) => r[key].toFixed(0)).join(', ');
    process.stdout.write(
      `  first idle at Baghdad zoom ${String(FIRST_IDLE_ZOOM)}: ${list(full, 'streetMs')} ms, CPU ${list(full, 'streetCpuMs')} ms ` +
        `(today's basemap: ${list(today, 'streetMs')} ms, CPU ${list(today, 'streetCpuMs')} ms)\n`,
    );

    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'ar-IQ' });
    let socket: WebSocketRoute | null = null;
    await page.routeWebSocket(/\/ws/, (route) => {
      route.connectToServer();
      socket = route;
    });

    // App start to map idle: navigation start to the first frame with everything loaded.
    await page.goto(nida.url);
    const signInMs = await signInBench(page);
    await page.waitForFunction(() => (globalThis as ProbeHolder).__nidaMap?.idle() === true, undefined, {
      polling: 'raf',
      timeout: 60_000,
    });
    const idleMs = (await page.evaluate(() => performance.now())) - signInMs;

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
    let timer = setInterval(send, 1000 / BATCHES_PER_SECOND);
    let loaded: FrameStats;
    let street: FrameStats;
    let drawn: number;
    let drawnStreet: number;
    try {
      loaded = await measurePanning(page);
      drawn = await page.evaluate(() => (globalThis as ProbeHolder).__nidaMap?.renderedIds('units-dot').length ?? 0);
      // Street level: every unit in view with its agency icon, heading arrow and callsign. Positions
      // pause while the view settles: on a busy machine a batch every 250 ms can keep it from ever idling.
      clearInterval(timer);
      await page.evaluate(([centre, zoom]) => (globalThis as ProbeHolder).__nidaMap?.jumpTo(centre, zoom), [
        BAGHDAD,
        STREET_ZOOM,
      ] as const);
      await page.waitForFunction(() => (globalThis as ProbeHolder).__nidaMap?.idle() === true, undefined, {
        timeout: 60_000,
      });
      timer = setInterval(send, 1000 / BATCHES_PER_SECOND);
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
      {
        name: `map first idle at Baghdad zoom ${String(FIRST_IDLE_ZOOM)}, all layers (median of ${String(FIRST_IDLE_RUNS)} fresh pages)`,
        value: median(full.map((r) => r.streetMs)),
        unit: 'ms',
        baseline: { name: "today's basemap (old layers only)", value: median(today.map((r) => r.streetMs)) },
        better: 'lower',
        target: '≤ 1.3× baseline',
      },
      {
        name: `CPU time of the page and map worker to that first idle (median of ${String(FIRST_IDLE_RUNS)})`,
        value: median(full.map((r) => r.streetCpuMs)),
        unit: 'ms',
        baseline: { name: "today's basemap (old layers only)", value: median(today.map((r) => r.streetCpuMs)) },
        better: 'lower',
        target: '≤ 1.3× baseline',
      },
      {
        name: `page start to map idle over Iraq, all layers (median of ${String(FIRST_IDLE_RUNS)} fresh pages)`,
        value: median(full.map((r) => r.startMs)),
        unit: 'ms',
        baseline: { name: "today's basemap (old layers only)", value: median(today.map((r) => r.startMs)) },
        better: 'lower',
      },
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
