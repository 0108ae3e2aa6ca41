// A drill console for tests: the drill profile with both drill lines open and the demo roster, a
// manual clock the test moves, and the trainee's steps a perfect trainee takes through the API.
import type { RemoteApi } from '../../../src-shared/contract/api';
import type { CallRecord } from '../../../src-shared/domain/call';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { intakeDraft } from '../../support/scenario';
import type { HostUnderTest, useTestHosts } from './testHost';
import { eventually, waitUntil } from './waitUntil';

export const ACCEPTANCE = '04-acceptance-three-calls.drill.json';
const DRILL_PORTS = [
  { id: 'ali', path: 'demo:drill', protocol: 'ali' },
  { id: 'radio', path: 'demo:drill', protocol: 'radio' },
];

export async function drillConsole(
  startHost: ReturnType<typeof useTestHosts>['startHost'],
  dataDir?: string,
): Promise<HostUnderTest> {
  const under = startHost({
    role: 'trainer',
    roster: true,
    ...(dataDir !== undefined && { dataDir }),
    config: { profile: 'drill', serial: { ports: DRILL_PORTS } },
  });
  const up = (id: string) => under.host.links.list().some((link) => link.id === id && link.state === 'up');
  await waitUntil(() => up('serial:ali') && up('serial:radio'), 'both drill lines open');
  return under;
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
