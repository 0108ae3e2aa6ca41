// Call intake under a burst: 100 calls arriving within one second.
//
// 1. Host fan-out: each call enters through host.intake.receiveCall (the path telephony takes,
//    with its SQLite transaction) and is pushed as onCallChanged to 3 WebSocket clients of the
//    real console server. Per call: receive → the event received by all 3 clients. Baseline, same
//    run: the same 100 sends of a same-size JSON message through a bare `ws` broadcast.
// 2. The console in Chromium (`nida serve` + the built renderer): the longest main-thread task
//    while the 100 calls arrive (Long Tasks API: only tasks ≥ 50 ms are reported, so 0 means none),
//    and the time until all 100 rows show in the queue. Baseline: the same page idle as long.
//    Skipped, with the reason printed, without out/renderer or /usr/bin/chromium.
// 3. place.search through host.dispatch (validation + handler + mapping) with 100 typed Arabic
//    prefixes, against the pure search over the same places.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { parseConfig } from '../src-main/config/config';
import { resourcesDir } from '../src-main/config/appPaths';
import { createHost, type Host } from '../src-main/host/createHost';
import { loadGazetteer } from '../src-main/services/places/placeService';
import { startConsoleServer } from '../src-main/http/consoleServer';
import type { CallContext } from '../src-shared/contract/api';
import type { CallEventPayload } from '../src-shared/domain/call';
import { placesFromGeoJson, type GazetteerPlace, type PlaceKind } from '../src-shared/domain/gazetteer';
import { createPlaceSearch } from '../src-shared/domain/placeSearch';
import { seededRandom as random } from '../src-shared/domain/random';
import { summarize, type BenchFigure, type Benchmark } from './harness';
import {
  BUILT_CLI as CLI,
  callOverSocket,
  CHROMIUM,
  mapdataLayers,
  RENDERER_INDEX,
  REPO_ROOT,
  signedInSocket,
  signInBench,
} from './shared';

const LAYERS: readonly (readonly [file: string, kind: PlaceKind])[] = [
  ['iraq-places.geojson', 'town'],
  ['iraq-districts.geojson', 'district'],
  ['iraq-subdistricts.geojson', 'subdistrict'],
];

const CALLS = 100;
/** 100 calls in one second. */
const SPACING_MS = 10;
const WARMUP_CALLS = 20;
const CLIENTS = 3;
const PLACE_QUERIES = 100;
const PLACE_ROUNDS = 20;
const BAGHDAD = { lat: 33.3152, lon: 44.3661 };
const BENCH_CONTEXT: CallContext = { clientId: 'bench', transport: 'internal', actor: 'bench' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/** Calls `emit(i)` at start + i × spacing (drift-corrected); the event loop runs between calls. */
async function paced(count: number, emit: (index: number) => void): Promise<void> {
  const start = performance.now();
  for (let index = 0; index < count; index++) {
    const wait = start + index * SPACING_MS - performance.now();
    if (wait > 0) await sleep(wait);
    emit(index);
  }
}

/** A telephony record (Phase II location in Baghdad), a different number per call. */
function telephonyRecord(index: number, next: () => number): CallEventPayload<'call.received'> {
  return {
    source: 'ali',
    callerNumber: `0770${String(2_000_000 + index)}`,
    line: `911-${String(index % 24).padStart(2, '0')}`,
    classOfService: 'WPH2',
    location: {
      lat: BAGHDAD.lat + (next() - 0.5) / 10,
      lon: BAGHDAD.lon + (next() - 0.5) / 10,
      accuracyM: 10 + Math.round(next() * 90),
      source: 'ali',
    },
  };
}

async function connect(url: string, origin?: string): Promise<WebSocket> {
  const socket = new WebSocket(url, origin === undefined ? {} : { origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

interface Burst {
  /** Per message: send → received by every client, ms. */
  readonly latencies: number[];
  /** First send → last message received by every client, ms. */
  readonly totalMs: number;
}

/**
 * Sends `count` messages paced over one second with `send(i)` (which returns the message's id)
 * and waits until every client has received each one.
 */
async function burst(
  clients: readonly WebSocket[],
  idOf: (text: string) => string | null,
  count: number,
  send: (index: number) => string,
): Promise<Burst> {
  const sentAt = new Map<string, number>();
  const received = new Map<string, number>();
  const latencies: number[] = [];
  let first = Number.NaN;
  let last = Number.NaN;
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const listeners = clients.map((client) => {
    const listener = (data: RawData) => {
      const id = idOf(textOf(data));
      if (id === null) return;
      const seen = (received.get(id) ?? 0) + 1;
      received.set(id, seen);
      if (seen < clients.length) return;
      const at = sentAt.get(id);
      if (at === undefined) return;
      last = performance.now();
      latencies.push(last - at);
      if (latencies.length === count) settle();
    };
    client.on('message', listener);
    return listener;
  });
  await paced(count, (index) => {
    const started = performance.now();
    if (index === 0) first = started;
    sentAt.set(send(index), started);
  });
  const timeout = sleep(30_000).then(() => {
    throw new Error(`only ${latencies.length} of ${count} messages reached all ${clients.length} clients in 30 s`);
  });
  await Promise.race([done, timeout]);
  clients.forEach((client, index) => {
    const listener = listeners[index];
    if (listener) client.off('message', listener);
  });
  return { latencies, totalMs: last - first };
}

/** The host's events to one client: the call id of each onCallChanged. */
function callIdOf(text: string): string | null {
  const message = JSON.parse(text) as { type?: string; name?: string; payload?: { id?: string } };
  return message.type === 'event' && message.name === 'onCallChanged' ? (message.payload?.id ?? null) : null;
}

interface FanOut {
  readonly host: Burst;
  readonly bare: Burst;
  readonly messageBytes: number;
}

/** Part 1: the real host behind the real console server, then a bare `ws` broadcast of the same message. */
async function fanOut(): Promise<FanOut> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nida-bench-intake-'));
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const host = createHost(parseConfig({}, join(dataDir, 'data'), 'bench'));
  const server = await startConsoleServer({ host, rendererDir, port: 0, bindAddress: '127.0.0.1' });
  const bareServer = createServer();
  const wss = new WebSocketServer({ server: bareServer });
  const sockets: WebSocket[] = [];
  try {
    for (let index = 0; index < CLIENTS; index++) sockets.push(await signedInSocket(server.origin, server.token));
    const next = random(911);
    const ring = (index: number): string => host.intake.receiveCall(telephonyRecord(index, next), 'telephony').id;

    // Warm up both paths (JIT, statement caches), and keep one real event as the baseline's message.
    let template = '';
    const capture = (data: RawData) => {
      if (template === '' && callIdOf(textOf(data)) !== null) template = textOf(data);
    };
    sockets[0]?.on('message', capture);
    await burst(sockets, callIdOf, WARMUP_CALLS, (index) => ring(CALLS + index));
    sockets[0]?.off('message', capture);
    const templateId = callIdOf(template) ?? '';

    await new Promise<void>((resolve) => bareServer.listen(0, '127.0.0.1', resolve));
    const { port } = bareServer.address() as AddressInfo;
    const bareClients: WebSocket[] = [];
    for (let index = 0; index < CLIENTS; index++) bareClients.push(await connect(`ws://127.0.0.1:${port}`));
    sockets.push(...bareClients);
    const broadcast = (index: number, prefix: string): string => {
      const id = `${prefix}${String(index)}`.padEnd(templateId.length, '0');
      const text = template.split(templateId).join(id);
      for (const client of wss.clients) client.send(text);
      return id;
    };
    const idInText = (text: string): string | null => callIdOf(text);
    await burst(bareClients, idInText, WARMUP_CALLS, (index) => broadcast(index, 'W'));
    const bare = await burst(bareClients, idInText, CALLS, (index) => broadcast(index, 'B'));

    const measured = await burst(sockets.slice(0, CLIENTS), callIdOf, CALLS, ring);
    return { host: measured, bare, messageBytes: Buffer.byteLength(template) };
  } finally {
    for (const socket of sockets) socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    if (bareServer.listening) await new Promise<void>((resolve) => bareServer.close(() => resolve()));
    await server.close();
    await host.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- part 2: the console in Chromium ----

interface RunningConsole {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  stop(): Promise<void>;
}

/** `nida serve` as a user starts it, on a free port and a fresh data directory. */
async function startConsole(): Promise<RunningConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nida-bench-console-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/nida.js', 'serve', '--port', '0', '--data', dataDir, '--json'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const ready = await new Promise<{ url: string; origin: string; token: string }>((resolve, reject) => {
      if (!child.stdout) throw new Error('no stdout');
      createInterface({ input: child.stdout }).once('line', (line) => {
        resolve(JSON.parse(line) as { url: string; origin: string; token: string });
      });
      child.once('exit', (code) => reject(new Error(`nida serve exited with ${String(code)}: ${stderr}`)));
    });
    return { ...ready, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// In-page code is given as text: the bench runs under tsx, whose transform may wrap functions
// in helpers that do not exist in the page.
/** Runs in the page before its own scripts: collects long tasks, and notes when the queue has N rows. */
const INSTRUMENT_PAGE = `
  window.__nidaLongTasks = [];
  window.__nidaRowsWanted = 0;
  window.__nidaRowsAt = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__nidaLongTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    if (window.__nidaRowsWanted === 0 || window.__nidaRowsAt !== null) return;
    if (document.querySelectorAll('[data-testid="queue-call"]').length >= window.__nidaRowsWanted) {
      window.__nidaRowsAt = Date.now();
    }
  }).observe(document, { childList: true, subtree: true });
`;

async function openConnected(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript({ content: INSTRUMENT_PAGE });
  // The roster's first administrator, so that the window asks who signs in; and a place search, which
  // finishes the gazetteer's load that a started host does in the background: the page is timed
  // beside a host at rest, not one still indexing places on the same two cores.
  const address = new URL(url);
  const socket = await signedInSocket(address.origin, address.searchParams.get('token') ?? '');
  await callOverSocket(socket, 'place.search', { query: 'بغداد', limit: 1 });
  socket.close();
  await page.goto(url);
  await signInBench(page);
  await page.waitForSelector('[data-testid="link-host"][data-state="up"]', { timeout: 30_000 });
  // The map loaded (its basemap, tiles and glyphs drawn): the page is measured at work, not loading.
  await page.waitForFunction(
    () => (globalThis as { __nidaMap?: { idle(): boolean } }).__nidaMap?.idle() === true,
    undefined,
    {
      polling: 'raf',
      timeout: 60_000,
    },
  );
  // Let the first render, fonts and the initial fetches settle before measuring.
  await sleep(1_000);
  return page;
}

async function resetLongTasks(page: Page): Promise<void> {
  await page.evaluate('window.__nidaLongTasks = []');
}

async function longTasks(page: Page): Promise<number[]> {
  // PerformanceObserver delivers entries asynchronously; give it a moment.
  await sleep(200);
  return page.evaluate<number[]>('window.__nidaLongTasks');
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  /** Wall time, µs. */
  readonly dur?: number;
  /** Thread (CPU) time, µs. */
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];

interface TracedTasks {
  /** The longest task on the page's main thread, wall time, ms (includes time the OS ran something else). */
  readonly wallMs: number;
  /** The most CPU time one task took on that thread, ms: the page's own work, whatever the machine's load. */
  readonly cpuMs: number;
}

/** The longest tasks on the page's main thread in a Chromium trace: unlike the Long Tasks API, under 50 ms too. */
function longestTracedTask(trace: Buffer, name: string): TracedTasks {
  // NIDA_BENCH_TRACES=<dir> keeps the traces, to open in the DevTools performance panel.
  const keepIn = process.env.NIDA_BENCH_TRACES;
  if (keepIn) writeFileSync(join(keepIn, `intake-${name}.json`), trace);
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(
    events
      .filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${String(event.pid)}:${String(event.tid)}`),
  );
  let wallMs = 0;
  let cpuMs = 0;
  for (const event of events) {
    if (event.ph !== 'X' || (event.name !== 'RunTask' && event.name !== 'ThreadControllerImpl::RunTask')) continue;
    if (!mainThreads.has(`${String(event.pid)}:${String(event.tid)}`)) continue;
    wallMs = Math.max(wallMs, (event.dur ?? 0) / 1000);
    cpuMs = Math.max(cpuMs, (event.tdur ?? 0) / 1000);
  }
  return { wallMs, cpuMs };
}

interface ConsoleRun {
  /** Long Tasks API (≥ 50 ms only; 0 when there was none). */
  readonly longestMs: number;
  readonly longTasks: number;
  /** From the Chromium trace: every task. */
  readonly traced: TracedTasks;
  readonly idleLongestMs: number;
  readonly idleLongTasks: number;
  readonly idleTraced: TracedTasks;
  readonly allRowsMs: number;
}

async function consoleUnderBurst(): Promise<ConsoleRun | string> {
  if (!existsSync(RENDERER_INDEX)) return `${RENDERER_INDEX} missing: run \`npx electron-vite build\` first`;
  if (!existsSync(CLI)) return `${CLI} missing: run \`npx electron-vite build\` first`;
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
  try {
    // The burst.
    const busy = await startConsole();
    let burstWindowMs: number;
    let run: Omit<ConsoleRun, 'idleLongestMs' | 'idleLongTasks' | 'idleTraced'>;
    try {
      const pusher = await signedInSocket(busy.origin, busy.token);
      const page = await openConnected(browser, busy.url);
      let results = 0;
      let failures = 0;
      pusher.on('message', (data: RawData) => {
        const message = JSON.parse(textOf(data)) as { type?: string; result?: { ok?: boolean } };
        if (message.type !== 'result') return;
        results++;
        if (message.result?.ok !== true) failures++;
      });
      await page.evaluate(`window.__nidaRowsAt = null; window.__nidaRowsWanted = ${String(CALLS)}`);
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await resetLongTasks(page);
      const next = random(112);
      const firstSentAt = Date.now();
      await paced(CALLS, (index) => {
        const { callerNumber, location } = telephonyRecord(index, next);
        pusher.send(
          JSON.stringify({
            type: 'call',
            id: index + 1,
            channel: 'call.receive',
            args: { source: 'demo', callerNumber, location: { lat: location?.lat, lon: location?.lon, source: 'ali' } },
          }),
        );
      });
      // Polled from here (the page's CSP forbids string predicates); the page stamps the moment itself.
      let rowsAt: number | null = null;
      const deadline = Date.now() + 60_000;
      while (rowsAt === null && Date.now() < deadline) {
        await sleep(100);
        rowsAt = await page.evaluate<number | null>('window.__nidaRowsAt');
      }
      if (rowsAt === null) throw new Error(`the queue did not show ${String(CALLS)} calls within 60 s`);
      burstWindowMs = Date.now() - firstSentAt;
      const tasks = await longTasks(page);
      const traced = longestTracedTask(await browser.stopTracing(), 'burst');
      const rows = await page.locator('[data-testid="queue-call"]').count();
      pusher.close();
      if (results !== CALLS || failures > 0 || rows !== CALLS) {
        throw new Error(`${String(results)} results, ${String(failures)} refused, ${String(rows)} rows`);
      }
      run = {
        longestMs: Math.max(0, ...tasks),
        longTasks: tasks.length,
        traced,
        allRowsMs: rowsAt - firstSentAt,
      };
      await page.close();
    } finally {
      await busy.stop();
    }

    // The same page, idle for as long.
    const idle = await startConsole();
    try {
      const page = await openConnected(browser, idle.url);
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await resetLongTasks(page);
      await sleep(burstWindowMs);
      const tasks = await longTasks(page);
      const idleTraced = longestTracedTask(await browser.stopTracing(), 'idle');
      await page.close();
      return {
        ...run,
        idleLongestMs: Math.max(0, ...tasks),
        idleLongTasks: tasks.length,
        idleTraced,
      };
    } finally {
      await idle.stop();
    }
  } finally {
    await browser.close();
  }
}

// ---- part 3: place search through the host ----

/** What a dispatcher types: the first 2–8 letters of an Arabic name. */
function typedPrefixes(places: readonly GazetteerPlace[]): string[] {
  const next = random(964);
  const named = places.filter((place) => place.name.ar !== undefined);
  const queries: string[] = [];
  while (queries.length < PLACE_QUERIES) {
    const name = named[Math.floor(next() * named.length)]?.name.ar ?? '';
    const query = name.slice(0, 2 + Math.floor(next() * 7)).trim();
    if (query.length >= 2) queries.push(query);
  }
  return queries;
}

interface PlaceTiming {
  readonly viaHost: number[];
  readonly direct: number[];
}

async function placeSearch(): Promise<PlaceTiming & { places: number }> {
  const layers = mapdataLayers(LAYERS);
  // The host's search: the shipped gazetteer's index, with the operator's layers ranked beside it.
  const layerPlaces = layers.flatMap(({ path, kind }) =>
    placesFromGeoJson(JSON.parse(readFileSync(path, 'utf8')), kind, { idPrefix: `layer:${path}` }),
  );
  const shipped = loadGazetteer(resourcesDir()).search.now().value.index;
  const direct = createPlaceSearch(shipped, layerPlaces);
  const places = [...shipped.entries.map((entry) => entry.place), ...layerPlaces];
  const queries = typedPrefixes(places);
  const dataDir = mkdtempSync(join(tmpdir(), 'nida-bench-places-'));
  let host: Host | undefined;
  try {
    host = createHost(parseConfig({ gisLayers: layers }, join(dataDir, 'data'), 'bench'));
    const searchHost = async (query: string): Promise<string[]> => {
      const result = await host?.dispatch('place.search', { query, limit: 10 }, BENCH_CONTEXT);
      if (!result?.ok) throw new Error(`place.search failed: ${JSON.stringify(result)}`);
      return (result.value as { id: string }[]).map((hit) => hit.id);
    };
    const searchDirect = (query: string): string[] => direct.search(query, { limit: 10 }).map((hit) => hit.id);
    // Same places, same answers: otherwise the two would not be doing the same work.
    for (const query of queries) {
      const [a, b] = [await searchHost(query), searchDirect(query)];
      if (a.join() !== b.join())
        throw new Error(`host and direct search differ for ${query}: ${a.join()} / ${b.join()}`);
    }
    const timing: PlaceTiming = { viaHost: [], direct: [] };
    for (let round = 0; round < PLACE_ROUNDS; round++) {
      for (const query of queries) {
        let started = performance.now();
        await searchHost(query);
        timing.viaHost.push(performance.now() - started);
        started = performance.now();
        searchDirect(query);
        timing.direct.push(performance.now() - started);
      }
    }
    return { ...timing, places: places.length };
  } finally {
    await host?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const benchmark: Benchmark = {
  name: 'intake',
  description: `${CALLS} calls within one second through host.intake.receiveCall to ${CLIENTS} WebSocket clients; the console in Chromium under the same burst; place.search through the host`,
  async run() {
    const { host, bare, messageBytes } = await fanOut();
    const hostLatency = summarize(host.latencies);
    const bareLatency = summarize(bare.latencies);
    const figures: BenchFigure[] = [
      {
        name: `receive → onCallChanged at all ${CLIENTS} clients p50`,
        value: hostLatency.p50,
        unit: 'ms',
        baseline: { name: `bare ws broadcast, ${String(messageBytes)} B, p50`, value: bareLatency.p50 },
        better: 'lower',
      },
      {
        name: `receive → onCallChanged at all ${CLIENTS} clients p99`,
        value: hostLatency.p99,
        unit: 'ms',
        baseline: { name: 'bare ws broadcast p99', value: bareLatency.p99 },
        better: 'lower',
      },
      {
        name: `receive → onCallChanged at all ${CLIENTS} clients max`,
        value: hostLatency.max,
        unit: 'ms',
        baseline: { name: 'bare ws broadcast max', value: bareLatency.max },
        better: 'lower',
      },
      {
        name: `${CALLS} calls: first receive → last delivered`,
        value: host.totalMs,
        unit: 'ms',
        baseline: { name: 'bare ws broadcast', value: bare.totalMs },
        better: 'lower',
      },
    ];

    const consoleRun = await consoleUnderBurst();
    if (typeof consoleRun === 'string') {
      process.stdout.write(`intake: Chromium part skipped: ${consoleRun}\n`);
    } else {
      figures.push(
        {
          name: `longest main-thread task while ${CALLS} calls arrive (trace, wall)`,
          value: consoleRun.traced.wallMs,
          unit: 'ms',
          baseline: { name: 'same page idle, same duration', value: consoleRun.idleTraced.wallMs },
          better: 'lower',
        },
        {
          name: `longest main-thread task while ${CALLS} calls arrive (trace, CPU)`,
          value: consoleRun.traced.cpuMs,
          unit: 'ms',
          baseline: { name: 'same page idle, same duration', value: consoleRun.idleTraced.cpuMs },
          better: 'lower',
        },
        {
          name: `longest long task while ${CALLS} calls arrive (≥ 50 ms counted)`,
          value: consoleRun.longestMs,
          unit: 'ms',
          baseline: { name: 'same page idle, same duration', value: consoleRun.idleLongestMs },
          better: 'lower',
        },
        {
          name: `long tasks (≥ 50 ms) while ${CALLS} calls arrive`,
          value: consoleRun.longTasks,
          unit: 'tasks',
          baseline: { name: 'same page idle', value: consoleRun.idleLongTasks },
          better: 'lower',
        },
        {
          name: `first call sent → all ${CALLS} rows in the queue`,
          value: consoleRun.allRowsMs,
          unit: 'ms',
          better: 'lower',
        },
      );
    }

    const places = await placeSearch();
    const viaHost = summarize(places.viaHost);
    const direct = summarize(places.direct);
    figures.push(
      {
        name: `place.search via host.dispatch p50 (${String(places.places)} places)`,
        value: viaHost.p50,
        unit: 'ms',
        baseline: { name: 'pure search p50', value: direct.p50 },
        better: 'lower',
      },
      {
        name: 'place.search via host.dispatch p99',
        value: viaHost.p99,
        unit: 'ms',
        baseline: { name: 'pure search p99', value: direct.p99 },
        better: 'lower',
      },
    );
    return figures;
  },
};

export default benchmark;
