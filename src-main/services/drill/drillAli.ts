import type { CallInject, Inject } from '../../../src-shared/domain/drill/scenario';
import { encodeRadioLine, type RadioStatusMap } from '../../../src-shared/domain/protocols/radio';
import { aliRecordText } from '../demo/aliRecord';

/**
 * A drill's injects as the bytes of its serial lines: a call's telephony records in the labelled-15
 * layout (the record that comes with the ring, and its rebid when the script has one), and a radio
 * line as the gateway sends it. The console reads them through the same path as live ones.
 */

/** Class-of-service codes of wireless calls: the record names the carrier, not a subscriber. */
const WIRELESS = /^(WPH|WRLS|VOIP)/;

export interface DrillAliOptions {
  /** The record's sequence number on the line. */
  readonly sequence: number;
  /** Wall time of the ring (or the rebid), UTC ms. */
  readonly at: number;
  /** The answering position the call is presented at. */
  readonly position: number;
}

function recordFor(
  inject: CallInject,
  options: DrillAliOptions,
  classOfService: string,
  fix: NonNullable<CallInject['ali']['position']> | undefined,
): string {
  const { ali } = inject;
  const wireless = WIRELESS.test(classOfService);
  return aliRecordText({
    sequence: options.sequence,
    at: options.at,
    callback: ali.callback,
    name: ali.callerName ?? (wireless ? 'WIRELESS CALLER' : ''),
    house: ali.address?.houseNumber ?? '',
    street: ali.address?.street ?? '',
    location: ali.address?.locationText ?? '',
    community: ali.address?.community ?? '',
    classOfService,
    position: options.position,
    fix: fix ? { lat: fix.lat, lon: fix.lon, uncertaintyM: fix.uncertaintyM } : null,
    ...(fix?.confidencePct !== undefined && { confidencePct: fix.confidencePct }),
    carrier: wireless ? 'DRILL' : 'ITPC',
  });
}

/** The record sent when the call rings. */
export function drillRingRecord(inject: CallInject, options: DrillAliOptions): string {
  return recordFor(inject, options, inject.ali.classOfService, inject.ali.position);
}

/** The rebid: the same call with the rebid's position (a Phase I call becomes Phase II). */
export function drillRebidRecord(inject: CallInject, options: DrillAliOptions): string | null {
  const { rebid, classOfService } = inject.ali;
  if (!rebid) return null;
  return recordFor(inject, options, classOfService === 'WPH1' ? 'WPH2' : classOfService, rebid.position);
}

/** hhmmss in Baghdad time (UTC+3 all year), the radio gateway's clock. */
function gatewayTime(at: number): string {
  const local = new Date(at + 3 * 3_600_000);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${two(local.getUTCHours())}${two(local.getUTCMinutes())}${two(local.getUTCSeconds())}`;
}

/** One radio burst: an emergency, a status (its code in the center's table), or a PTT id with a position. */
export type DrillRadioBurst =
  | { readonly opcode: 'EMR'; readonly radioId: string; readonly position?: DrillPoint | undefined }
  | {
      readonly opcode: 'STS';
      readonly radioId: string;
      readonly code: string;
      readonly position?: DrillPoint | undefined;
    }
  | { readonly opcode: 'PTT'; readonly radioId: string; readonly position: DrillPoint };

interface DrillPoint {
  readonly lat: number;
  readonly lon: number;
}

/** A radio inject as a burst; null for a status the center's table has no code for. */
export function radioBurstOf(
  inject: Extract<Inject, { kind: 'radio' }>,
  statusMap: RadioStatusMap,
): DrillRadioBurst | null {
  if (inject.signal === 'emergency') return { opcode: 'EMR', radioId: inject.radioId, position: inject.position };
  const code = Object.entries(statusMap.codes).find(([, status]) => status === inject.status)?.[0];
  return code === undefined ? null : { opcode: 'STS', radioId: inject.radioId, code, position: inject.position };
}

/** A burst as the gateway sends it: `$RDG,seq,hhmmss,radio,EMR|STS|PTT,code[,lat,lon]*CS`. */
export function drillRadioLine(
  burst: DrillRadioBurst,
  options: { readonly sequence: number; readonly at: number },
): string {
  const position = burst.position ? `,${burst.position.lat.toFixed(5)},${burst.position.lon.toFixed(5)}` : '';
  const argument = burst.opcode === 'STS' ? burst.code : '';
  return encodeRadioLine(
    `RDG,${String(options.sequence % 65_536)},${gatewayTime(options.at)},${burst.radioId},${burst.opcode},${argument}${position}`,
  );
}
