// A drill console for tests: the drill profile with both drill lines open and the demo roster, a
// manual clock the test moves, the trainee's steps a perfect trainee takes through the API, and a
// whole run worked by the autopilot trainee.
import type { CallContext, RemoteApi } from '../../../src-shared/contract/api';
import type { CallRecord } from '../../../src-shared/domain/call';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { intakeDraft } from '../../support/scenario';
import type { DrillState } from '../../../src-shared/domain/drill/drillRun';
import { startConsoleAutopilot, type AutopilotMode } from '../../../src-main/services/drill/drillAutopilot';
import { readScenarioFile } from '../../../src-main/services/drill/scenarioFile';
import { BASIM } from '../../support/scenario';
import { signInWindow, type HostOptions, type HostUnderTest, type useTestHosts } from './testHost';
import { eventually, waitUntil } from './waitUntil';

export const ACCEPTANCE = '04-acceptance-three-calls.drill.json';

/** The options of a drill console: the drill profile, its scripted telephony and radio lines, the demo roster. */
export const DRILL_HOST: HostOptions = {
  role: 'trainer',
  roster: true,
  config: {
    profile: 'drill',
    serial: {
      ports: [
        { id: 'ali', path: 'demo:drill', protocol: 'ali' },
        { id: 'radio', path: 'demo:drill', protocol: 'radio' },
      ],
    },
  },
};

export async function drillConsole(
  startHost: ReturnType<typeof useTestHosts>['startHost'],
  dataDir?: string,
): Promise<HostUnderTest> {
  const under = startHost({ ...DRILL_HOST, ...(dataDir !== undefined && { dataDir }) });
  await drillLinesUp(under);
  return under;
}

/** The drill lines open as serial ports do, asynchronously: a run starts once both are up. */
export async function drillLinesUp(under: HostUnderTest): Promise<void> {
  const up = (id: string) => under.host.links.list().some((link) => link.id === id && link.state === 'up');
  await waitUntil(() => up('serial:ali') && up('serial:radio'), 'both drill lines open');
}

/** Moves the host's clock by `seconds` of wall time and lets the drill run what fell due. */
export function wait(under: HostUnderTest, seconds: number): void {
  under.clock.advance(seconds * 1000);
  under.host.drill.tick();
}

/** The drill call from this callback number once the console has it. */
export async function drillCall(api: RemoteApi, callerNumber: string): Promise<CallRecord> {
  let found: CallRecord | undefined;
  await eventually(async () => {
    found = (await api.call.list({})).findLast((call) => call.callerNumber === callerNumber);
    return found !== undefined;
  }, `the call from ${callerNumber}`);
  if (found === undefined) throw new Error('unreachable');
  return found;
}

/** Call 1 of the acceptance scenario (cardiac arrest in Karrada) as its truth says. */
export const CALL_1 = {
  callback: '+9647701900001',
  location: { lat: 33.3031, lon: 44.4287, accuracyM: 30, source: 'ali' as const },
  typeCode: 'cardiac-arrest',
  questions: ['q1', 'q2'],
  instructions: ['i1', 'i2', 'i3'],
  /** The nearest basic ambulance (Karrada station). */
  unit: 'U-204',
};

/** The intake of call 1, submitted with the truth: the incident is created from the call. */
export function submitCall1(api: RemoteApi, callId: string): Promise<IncidentRecord> {
  return api.intake.submit({
    draft: intakeDraft({
      callId,
      callerNumber: CALL_1.callback,
      location: CALL_1.location,
      typeCode: CALL_1.typeCode,
      priority: 1,
    }),
  });
}

export async function recordCall1Guidance(api: RemoteApi, callId: string): Promise<void> {
  for (const key of [...CALL_1.questions, ...CALL_1.instructions])
    await api.call.recordGuidance({ callId, typeCode: CALL_1.typeCode, key });
}

/** The trainee's window. */
export const TRAINEE: CallContext = BASIM;

export interface DrillRunResult {
  readonly state: DrillState;
  readonly row: (injectId: string) => DrillState['injects'][number] | undefined;
  readonly problems: readonly string[];
}

/**
 * Runs a shipped scenario to its end at `speed` with the autopilot as trainee (signed in as a
 * call-taker and dispatcher); `onSecond` runs after each drill second (to move units, to look).
 */
export async function runDrillWithAutopilot(
  under: HostUnderTest,
  options: {
    readonly mode: AutopilotMode;
    readonly file?: string;
    readonly speed?: number;
    readonly onSecond?: (seconds: number) => void | Promise<void>;
  },
): Promise<DrillRunResult> {
  const { host } = under;
  const file = options.file ?? ACCEPTANCE;
  const speed = options.speed ?? 4;
  await drillLinesUp(under);
  await signInWindow(host, TRAINEE, ['call-taker', 'dispatcher']);
  const taxonomy = await under.api.taxonomy.get({});
  const read = readScenarioFile(`resources/drills/${file}`, { taxonomy, resourcesDir: host.config.resourcesDir });
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  const problems: string[] = [];
  const autopilot = startConsoleAutopilot(host, {
    scenario: read.scenario,
    taxonomy,
    mode: options.mode,
    context: TRAINEE,
    onProblem: (text) => problems.push(text),
  });
  await under.api.drill.load({ file });
  await under.api.drill.start({ speed });
  // One drill second per step, as the console's timer would run it.
  while (host.drill.state()?.status !== 'ended') {
    under.clock.advance(1000 / speed);
    host.drill.tick();
    await autopilot.tick();
    await options.onSecond?.(host.drill.state()?.seconds ?? 0);
  }
  autopilot.stop();
  const state = host.drill.state();
  if (!state) throw new Error('no drill');
  return { state, row: (id) => state.injects.find((entry) => entry.id === id), problems };
}
