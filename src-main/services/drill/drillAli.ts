import type { CallInject } from '../../../src-shared/domain/drill/scenario';
import { aliRecordText } from '../demo/aliRecord';

/**
 * A drill call's telephony records in the labelled-15 layout: the record that comes with the ring,
 * and its rebid (a better position) when the script has one. The console reads them through the
 * same ALI path as a live call.
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
