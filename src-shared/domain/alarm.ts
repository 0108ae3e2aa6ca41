/**
 * Something the whole room must see now, until a dispatcher acknowledges it. The radio emergency
 * (a unit's emergency button) is the highest alarm; the others are clocks that ran out (timers.ts).
 */
export const alarmKinds = [
  'radio-emergency',
  'unassigned-p1',
  'unit-en-route-long',
  'unit-on-scene-long',
  'call-waiting',
] as const;
export type AlarmKind = (typeof alarmKinds)[number];

/** What an alarm's subject names, for its label in the banner. */
export const alarmSubjectKind: Readonly<Record<AlarmKind, 'unit' | 'incident' | 'call'>> = {
  'radio-emergency': 'unit',
  'unassigned-p1': 'incident',
  'unit-en-route-long': 'unit',
  'unit-on-scene-long': 'unit',
  'call-waiting': 'call',
};

/** Rank in the banner, 0 first: the radio emergency above every clock. */
export const alarmRank: Readonly<Record<AlarmKind, number>> = {
  'radio-emergency': 0,
  'unassigned-p1': 1,
  'call-waiting': 2,
  'unit-en-route-long': 3,
  'unit-on-scene-long': 4,
};

export interface Alarm {
  readonly id: string;
  readonly kind: AlarmKind;
  /** `emergency` is the highest alarm in the room (a unit's emergency button). */
  readonly severity: 'emergency' | 'warning';
  /** Radio unit id, callsign, incident number, caller number: what the alarm is about (data, shown as is). */
  readonly subject: string;
  readonly source: string;
  readonly raisedAt: number;
  readonly acknowledgedAt: number | null;
  readonly acknowledgedBy: string | null;
  readonly position: { readonly lat: number; readonly lon: number } | null;
  /** The incident the alarm is about, when there is one (the banner opens it). */
  readonly incidentId?: string | null;
  /** Set when the condition ended before anyone acknowledged it (a timer alarm whose clock stopped). */
  readonly clearedAt?: number | null;
  /** When, by whom and how an alarm that needs resolving (radio emergency) was resolved. */
  readonly resolvedAt?: number | null;
  readonly resolvedBy?: string | null;
  readonly resolution?: string | null;
}

/**
 * Alarms that acknowledging does not end: for a unit's emergency button, acknowledged means "someone
 * is on it", and the alarm stays (with who acknowledged) until it is resolved with a note.
 */
export function alarmNeedsResolution(kind: AlarmKind): boolean {
  return kind === 'radio-emergency';
}

/**
 * Whether an alarm is still shown to the room: neither cleared nor resolved, and either not yet
 * acknowledged or of a kind that stays until resolved.
 */
export function isAlarmActive(alarm: Alarm): boolean {
  if ((alarm.clearedAt ?? null) !== null || (alarm.resolvedAt ?? null) !== null) return false;
  return alarm.acknowledgedAt === null || alarmNeedsResolution(alarm.kind);
}

/** Whether an alarm still sounds: shown and nobody has acknowledged it yet. */
export function isAlarmSounding(alarm: Alarm): boolean {
  return isAlarmActive(alarm) && alarm.acknowledgedAt === null;
}

/** Banner order: highest rank first, then oldest first. */
export function compareAlarms(a: Alarm, b: Alarm): number {
  return (
    Number(b.severity === 'emergency') - Number(a.severity === 'emergency') ||
    alarmRank[a.kind] - alarmRank[b.kind] ||
    a.raisedAt - b.raisedAt
  );
}
