/**
 * One telephony record in the `labelled-15` ALI layout (resources/ali-templates/labelled-15.json),
 * as the bytes of a serial line carry it: STX, 15 labelled lines, ETX. The demo's calls and the
 * drill's scripted calls are written with it, so both travel the real ALI path into the console.
 */

export interface AliRecordInput {
  readonly sequence: number;
  /** When the call rang (UTC ms); written as Baghdad local time. */
  readonly at: number;
  readonly callback: string;
  readonly name: string;
  readonly house: string;
  readonly street: string;
  readonly location: string;
  readonly community: string;
  /** The class-of-service code as sent on the wire (`RESD`, `WPH1`, `WPH2`, …). */
  readonly classOfService: string;
  /** The answering position (1–99). */
  readonly position: number;
  readonly fix: { readonly lat: number; readonly lon: number; readonly uncertaintyM: number } | null;
  readonly confidencePct?: number;
  readonly carrier: string;
  /** The stations that cover the caller (shown on the record; empty when unknown). */
  readonly police?: string;
  readonly fire?: string;
  readonly ems?: string;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const field = (text: string, width: number): string => text.slice(0, width).padEnd(width, ' ');

/** MM/DD HH:mm in Baghdad time (UTC+3 all year), as the labelled-15 layout expects. */
function aliTime(at: number): string {
  const local = new Date(at + 3 * 3_600_000);
  return `${pad(local.getUTCMonth() + 1, 2)}/${pad(local.getUTCDate(), 2)} ${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}`;
}

function signed(value: number, integerDigits: number): string {
  const [whole = '0', fraction = '0'] = Math.abs(value).toFixed(5).split('.');
  return `${value < 0 ? '-' : '+'}${whole.padStart(integerDigits, '0')}.${fraction}`;
}

export function aliRecordText(input: AliRecordInput): string {
  const fix = input.fix;
  const lines = [
    `ALI 911 BGD-UNIFIED          SEQ ${pad(input.sequence % 10_000, 4)}`,
    `CALLBACK: ${field(input.callback, 18)} TIME: ${aliTime(input.at)}`,
    `NAME: ${input.name}`,
    `HOUSE: ${field(input.house, 8)} SFX:      DIR: `,
    `ADDRESS: ${input.street}`,
    `LOCATION: ${input.location}`,
    `COMMUNITY: ${field(input.community, 32)} STATE: BG`,
    `ESN: ${pad(100 + (input.sequence % 20), 3)}   CLASS: ${input.classOfService} POS: ${pad(input.position, 2)}`,
    fix === null
      ? 'LAT:            LON:            UNC:       CONF: '
      : `LAT: ${signed(fix.lat, 2)}  LON: ${signed(fix.lon, 3)} UNC: ${pad(Math.round(fix.uncertaintyM), 5)} CONF: ${String(input.confidencePct ?? 90)}`,
    `POLICE: ${input.police ?? ''}`,
    `FIRE: ${input.fire ?? ''}`,
    `EMS: ${input.ems ?? ''}`,
    `CARRIER: ${input.carrier}`,
    `TRUNK: ${pad(1 + (input.sequence % 24), 2)}`,
    'END',
  ];
  return `\u0002\r\n${lines.join('\r\n')}\r\n\u0003\r\n`;
}
