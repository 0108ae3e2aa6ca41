/** Something the whole room must see now, until a dispatcher acknowledges it. */
export const alarmKinds = ['radio-emergency'] as const;
export type AlarmKind = (typeof alarmKinds)[number];

export interface Alarm {
  readonly id: string;
  readonly kind: AlarmKind;
  /** `emergency` is the highest alarm in the room (a unit's emergency button). */
  readonly severity: 'emergency' | 'warning';
  /** Radio unit id, callsign, port: what the alarm is about (data, shown as is). */
  readonly subject: string;
  readonly source: string;
  readonly raisedAt: number;
  readonly acknowledgedAt: number | null;
  readonly acknowledgedBy: string | null;
  readonly position: { readonly lat: number; readonly lon: number } | null;
}
