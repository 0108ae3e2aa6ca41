// Call intake through a real host: two dispatchers at two windows, telephony on the internal path,
// every host event recorded. Domain actions (receive, answer, submit) read as the dispatcher says them.
import { join } from 'node:path';
import { parseConfig } from '../../../src-main/config/config';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { createHost, type Host } from '../../../src-main/host/createHost';
import type { Api, CallContext, Channel, Domain, ReturnOf } from '../../../src-shared/contract/api';
import type { ErrorData } from '../../../src-shared/contract/errors';
import type { EventName, HostEvent, HostEvents } from '../../../src-shared/contract/events';
import { newDraftId } from '../../../src-shared/contract/ids';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';
import type { CallEventPayload, CallRecord } from '../../../src-shared/domain/call';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { useCleanup, useTempDirs } from './cleanup';

/** 09:00 UTC on 29 Nov 2026 (12:00 in Baghdad). */
export const START = Date.UTC(2026, 10, 29, 9, 0, 0);
export const MINUTE = 60_000;

/** Tahrir Square, Baghdad. */
export const TAHRIR = { lat: 33.3333, lon: 44.4197 } as const;

/** What a window sends for the dispatcher sitting at it. */
export function dispatcher(actor: string): CallContext {
  return { clientId: `window-${actor}`, transport: 'websocket', actor };
}

export const AMAL = dispatcher('amal');
export const BASIM = dispatcher('basim');
/** The actor telephony records are stored under. */
export const TELEPHONY = 'telephony';

/** What a channel answers, from the contract: `incident.get` -> IncidentDetail. */
export type ValueOf<C extends Channel> = C extends `${infer D extends Domain}.${infer M}`
  ? M extends keyof Api[D]
    ? ReturnOf<Api[D][M]>
    : never
  : never;

/** `point` moved `north` and `east` metres (flat-earth step; exact along a meridian). */
export function offset(point: { lat: number; lon: number }, north: number, east = 0): { lat: number; lon: number } {
  const metresPerDegree = (6_371_008.8 * Math.PI) / 180;
  return {
    lat: point.lat + north / metresPerDegree,
    lon: point.lon + east / (metresPerDegree * Math.cos((point.lat * Math.PI) / 180)),
  };
}

/** One ALI record as the telephony parser hands it to the host. */
export function aliRecord(
  callerNumber: string,
  extra: Partial<CallEventPayload<'call.received'>> = {},
): CallEventPayload<'call.received'> {
  return { source: 'ali', callerNumber, classOfService: 'WPH1', ...extra };
}

/** A complete intake as the form sends it: every field present, nothing chosen unless given. */
export function intakeDraft(fields: Partial<IntakeDraft> = {}): IntakeDraft {
  return {
    id: newDraftId(),
    callId: null,
    callerNumber: '',
    callerName: '',
    location: null,
    address: '',
    typeCode: null,
    priority: null,
    priorityReason: '',
    extraAgencies: [],
    narrative: [],
    rejectedDuplicates: [],
    openedAt: START,
    updatedAt: START,
    version: 0,
    ...fields,
  };
}

export interface IntakeHost {
  readonly host: Host;
  readonly clock: ReturnType<typeof manualClock>;
  readonly dataDir: string;
  /** Every event the host published since it started, in order. */
  readonly events: HostEvent[];
  /** Dispatches as `context` (Amal by default); fails the test unless the call succeeds. */
  readonly call: <C extends Channel>(channel: C, args: unknown, context?: CallContext) => Promise<ValueOf<C>>;
  /** Dispatches as `context`; fails the test unless the call is refused, and returns the error. */
  readonly refused: (channel: Channel, args: unknown, context?: CallContext) => Promise<ErrorData>;
  /** The payloads of one event, in order. */
  readonly published: <N extends EventName>(name: N) => HostEvents[N][];
  /** A telephony record arriving on the internal path. */
  readonly ring: (record: CallEventPayload<'call.received'>) => CallRecord;
  /** Open incidents overall, or one agency's queue. */
  readonly openIncidents: (agency?: string) => Promise<readonly IncidentRecord[]>;
  /** Stops the host (it is also stopped after the test). */
  readonly dispose: () => Promise<void>;
}

export interface IntakeHostOptions {
  /** The `nida.config.json` contents (defaults for the rest). */
  readonly config?: Record<string, unknown>;
  /** Reuse a data directory (restart on the same files); a fresh one by default. */
  readonly dataDir?: string;
  readonly start?: number;
}

/** Real hosts on temp data directories and manual clocks, disposed after each test. Call once per file. */
export function useIntakeHosts(): {
  readonly startHost: (options?: IntakeHostOptions) => IntakeHost;
  readonly tempDir: (prefix?: string) => string;
} {
  const tempDir = useTempDirs();
  const defer = useCleanup();
  return {
    tempDir,
    startHost: (options = {}) => {
      const dataDir = options.dataDir ?? join(tempDir('nida-intake-'), 'data');
      const clock = manualClock(options.start ?? START);
      const host = createHost(parseConfig(options.config ?? {}, dataDir, 'test'), { clock });
      defer(() => host.dispose());
      const events: HostEvent[] = [];
      host.subscribe((event) => events.push(event));
      const call = async <C extends Channel>(
        channel: C,
        args: unknown,
        context: CallContext = AMAL,
      ): Promise<ValueOf<C>> => {
        const result = await host.dispatch(channel, args, context);
        if (!result.ok) throw new Error(`${channel}: expected ok, got ${JSON.stringify(result.error)}`);
        return result.value as ValueOf<C>;
      };
      return {
        host,
        clock,
        dataDir,
        events,
        call,
        refused: async (channel, args, context = AMAL) => {
          const result = await host.dispatch(channel, args, context);
          if (result.ok) throw new Error(`${channel}: expected a refusal, got ${JSON.stringify(result.value)}`);
          return result.error;
        },
        published: <N extends EventName>(name: N): HostEvents[N][] =>
          events.filter((event) => event.name === name).map((event) => event.payload as HostEvents[N]),
        ring: (record) => host.intake.receiveCall(record, TELEPHONY),
        openIncidents: (agency) => call('incident.listOpen', agency === undefined ? {} : { agency }),
        dispose: () => host.dispose(),
      };
    },
  };
}
