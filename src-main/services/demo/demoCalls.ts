import { seededRandom } from '../../../src-shared/domain/random';
import type { SerialConnection } from '../serial/portManager';
import { aliRecordText, type AliRecordInput } from './aliRecord';

/**
 * The demo and drill call source: realistic 911 telephony records for Baghdad, written in the
 * `labelled-15` ALI layout and delivered as the bytes of a serial line. The console reads them through
 * exactly the same path as the real telephony feed (raw store, ALI parser, rebid, intake queue), so a
 * newcomer or a trainee sees the real behaviour, never a shortcut.
 */

interface Neighbourhood {
  readonly community: string;
  readonly street: string;
  readonly lat: number;
  readonly lon: number;
  readonly police: string;
  readonly fire: string;
  readonly ems: string;
}

// Places and the stations that cover them: typed by us for the demo (approximate coordinates).
const NEIGHBOURHOODS: readonly Neighbourhood[] = [
  {
    community: 'BAGHDAD/AL-KARRADA',
    street: 'SHARIA AL-KARRADA DAKHIL',
    lat: 33.3025,
    lon: 44.4255,
    police: 'مركز شرطة الكرادة',
    fire: 'الدفاع المدني - الكرادة',
    ems: 'إسعاف بغداد - الرصافة',
  },
  {
    community: 'BAGHDAD/AL-MANSOUR',
    street: 'SHARIA 14 RAMADAN',
    lat: 33.321,
    lon: 44.346,
    police: 'مركز شرطة المنصور',
    fire: 'الدفاع المدني - المنصور',
    ems: 'إسعاف بغداد - الكرخ',
  },
  {
    community: 'BAGHDAD/AL-ADHAMIYA',
    street: 'SHARIA AL-IMAM AL-AADHAM',
    lat: 33.37,
    lon: 44.375,
    police: 'مركز شرطة الأعظمية',
    fire: 'الدفاع المدني - الأعظمية',
    ems: 'إسعاف بغداد - الرصافة',
  },
  {
    community: 'BAGHDAD/AL-KADHIMIYA',
    street: 'SHARIA BAB AL-MURAD',
    lat: 33.38,
    lon: 44.34,
    police: 'مركز شرطة الكاظمية',
    fire: 'الدفاع المدني - الكاظمية',
    ems: 'إسعاف بغداد - الكرخ',
  },
  {
    community: 'BAGHDAD/SADR CITY',
    street: 'SHARIA AL-FALAH',
    lat: 33.39,
    lon: 44.45,
    police: 'مركز شرطة الصدر',
    fire: 'الدفاع المدني - الصدر',
    ems: 'إسعاف بغداد - الرصافة',
  },
  {
    community: 'BAGHDAD/AL-DORA',
    street: 'SHARIA AL-ATHARIYIN',
    lat: 33.25,
    lon: 44.4,
    police: 'مركز شرطة الدورة',
    fire: 'الدفاع المدني - الدورة',
    ems: 'إسعاف بغداد - الكرخ',
  },
  {
    community: 'BAGHDAD/ZAYOUNA',
    street: 'SHARIA AL-RUBAIE',
    lat: 33.32,
    lon: 44.46,
    police: 'مركز شرطة زيونة',
    fire: 'الدفاع المدني - زيونة',
    ems: 'إسعاف بغداد - الرصافة',
  },
  {
    community: 'BAGHDAD/AL-AMIRIYA',
    street: 'SHARIA AL-AMIRIYA',
    lat: 33.295,
    lon: 44.29,
    police: 'مركز شرطة العامرية',
    fire: 'الدفاع المدني - العامرية',
    ems: 'إسعاف بغداد - الكرخ',
  },
  {
    community: 'BAGHDAD/BAB AL-SHARQI',
    street: 'SHARIA AL-RASHEED',
    lat: 33.329,
    lon: 44.417,
    police: 'مركز شرطة السعدون',
    fire: 'الدفاع المدني - الرصافة',
    ems: 'إسعاف بغداد - الرصافة',
  },
  {
    community: 'BAGHDAD/AL-JADRIYA',
    street: 'SHARIA AL-JADRIYA',
    lat: 33.28,
    lon: 44.38,
    police: 'مركز شرطة الجادرية',
    fire: 'الدفاع المدني - الكرادة',
    ems: 'إسعاف بغداد - الرصافة',
  },
  {
    community: 'BAGHDAD/AL-SHAAB',
    street: 'SHARIA AL-SHAAB',
    lat: 33.42,
    lon: 44.42,
    police: 'مركز شرطة الشعب',
    fire: 'الدفاع المدني - الشعب',
    ems: 'إسعاف بغداد - الرصافة',
  },
  {
    community: 'BAGHDAD/AL-SAYDIYA',
    street: 'SHARIA AL-SAYDIYA',
    lat: 33.26,
    lon: 44.355,
    police: 'مركز شرطة السيدية',
    fire: 'الدفاع المدني - الدورة',
    ems: 'إسعاف بغداد - الكرخ',
  },
];

const CARRIERS = [
  { name: 'ZAIN IQ', prefix: '780' },
  { name: 'ASIACELL', prefix: '770' },
  { name: 'KOREK', prefix: '750' },
] as const;

const CALLER_NAMES = [
  'احمد كريم حسن',
  'زينب علي جواد',
  'مصطفى عبد الله',
  'نور الهدى سلمان',
  'حسين فاضل عباس',
  'سارة محمود',
];

/**
 * What demo callers say, a few lines per kind of emergency, in Iraqi Arabic: the call-taker reads
 * them in intake as if hearing the caller (a demo has no voice), then asks and types as on a real call.
 */
export const CALLER_SCRIPTS: readonly (readonly string[])[] = [
  [
    'الحقونا! اكو حريق بالبيت، الدخان طالع من الشبابيك.',
    'جيراننا بعدهم جوه، الطابق الثاني.',
    'العنوان قرب الجامع، البيت الأبيض.',
  ],
  [
    'صار حادث سير هسه، سيارتين اصطدمن بالتقاطع.',
    'واحد من السواق ينزف من راسه وما يكدر يطلع.',
    'الطريق مسدود والناس متجمعة.',
  ],
  ['أبوي وكع فجأة وما يتنفس زين.', 'عمره سبعين سنة، عنده ضغط وسكر.', 'يشتكي من وجع بصدره من ساعة.'],
  ['اكو شخص دا يسرق سيارة جارنا هسه.', 'لابس قميص أسود، ويا واحد ثاني.', 'راحوا باتجاه الشارع العام.'],
  ['اكو عركة كبيرة بالشارع، ناس تضرب بعضها.', 'واحد طلع سكينة، واحد مجروح.', 'دزولنا شرطة بسرعة.'],
  ['اكو ريحة غاز قوية بالعمارة.', 'الناس طلعت للشارع، وبعض الشقق بيها أطفال.', 'ما نعرف منين جاية.'],
  ['ابني الصغير بلع شي وما يكدر يتنفس.', 'عمره سنتين، وجهه صار أزرق.', 'الله يخليكم بسرعة.'],
  ['لكينا كيس مشبوه يم الباب، محد يعرف منو خلاه.', 'بيه أسلاك طالعة.', 'بعدنا الناس عنه.'],
  ['امرأة حامل بالطلق وما عدنا سيارة.', 'الماي نزل من نص ساعة.', 'هاي أول ولادة إلها.'],
  ['بيت جارنا انهار سقفه بعد المطر.', 'نسمع صوت واحد جوه يصيح.', 'اكو أطفال ساكنين بيه.'],
];

export interface DemoCall {
  /** The telephony record(s): a Phase I call is followed by its Phase II rebid. */
  readonly records: readonly { readonly delayMs: number; readonly text: string }[];
  readonly callbackNumber: string;
  /** What the caller says (the demo's stand-in for the voice). */
  readonly script: readonly string[];
}

/** A caller's number reduced to the digits that identify it whatever its written form (+964…, (964)…, 0…). */
export function callerKey(callbackNumber: string): string {
  return callbackNumber.replace(/\D/g, '').slice(-9);
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** A demo record: the neighbourhood gives the community and the stations that cover it. */
function record(
  input: Omit<AliRecordInput, 'community' | 'police' | 'fire' | 'ems'> & { place: Neighbourhood },
): string {
  const { place, ...rest } = input;
  return aliRecordText({ ...rest, community: place.community, police: place.police, fire: place.fire, ems: place.ems });
}

/** One realistic call: a wireless Phase II fix, a Phase I sector then its rebid, or a landline with an address. */
export function demoCall(sequence: number, at: number, random: () => number): DemoCall {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const place = pick(NEIGHBOURHOODS);
  // From the sequence and the place, not from `random`, so a seed still gives the calls it always gave.
  const script = CALLER_SCRIPTS[(sequence * 7 + NEIGHBOURHOODS.indexOf(place)) % CALLER_SCRIPTS.length] ?? [];
  const position = 1 + Math.floor(random() * 8);
  const roll = random();
  const jitter = (): number => (random() - 0.5) * 0.012;
  const fix = { lat: place.lat + jitter(), lon: place.lon + jitter(), uncertaintyM: 8 + random() * 60 };
  if (roll < 0.2) {
    const callback = `01-${pad(Math.floor(random() * 1000), 3)}-${pad(Math.floor(random() * 10_000), 4)}`;
    const text = record({
      sequence,
      at,
      callback,
      name: pick(CALLER_NAMES),
      house: String(1 + Math.floor(random() * 60)),
      street: `ZUQAQ ${String(1 + Math.floor(random() * 40))} ${place.street}`,
      location: `BINAYA ${String(1 + Math.floor(random() * 9))}`,
      place,
      classOfService: 'RESD',
      position,
      fix: null,
      carrier: 'ITPC',
    });
    return { callbackNumber: callback, script, records: [{ delayMs: 0, text }] };
  }
  const carrier = pick(CARRIERS);
  const callback = `(964)${carrier.prefix}-${pad(Math.floor(random() * 1000), 3)}-${pad(Math.floor(random() * 10_000), 4)}`;
  const common = {
    callback,
    name: `${carrier.name} WIRELESS CALLER`,
    house: '',
    place,
    position,
    carrier: carrier.name,
  };
  const site = `${carrier.name} SITE BGD-${pad(Math.floor(random() * 1000), 4)} SEC ${String(1 + Math.floor(random() * 3))}`;
  if (roll < 0.45) {
    // Phase I first (tower sector only); the handset's fix follows as a rebid about 20 s later.
    const phase1 = record({
      ...common,
      sequence,
      at,
      street: place.street,
      location: site,
      classOfService: 'WPH1',
      fix: null,
    });
    const phase2 = record({
      ...common,
      sequence: sequence + 1,
      at: at + 20_000,
      street: place.street,
      location: site,
      classOfService: 'WPH2',
      fix,
    });
    return {
      callbackNumber: callback,
      script,
      records: [
        { delayMs: 0, text: phase1 },
        { delayMs: 20_000, text: phase2 },
      ],
    };
  }
  const text = record({ ...common, sequence, at, street: place.street, location: site, classOfService: 'WPH2', fix });
  return { callbackNumber: callback, script, records: [{ delayMs: 0, text }] };
}

export interface DemoLineOptions {
  /** Mean seconds between calls (each interval varies ±50 %). */
  readonly intervalSeconds: number;
  readonly seed: number;
  readonly now: () => number;
  /** The first call arrives after this delay, so a newcomer sees one at once. */
  readonly firstCallAfterMs?: number;
}

/**
 * A serial connection whose far end is the demo telephony system: it "receives" the bytes of one
 * call every interval. Used for `demo:` port paths, only in demo and drill profiles.
 */
export interface DemoTelephonyLine extends SerialConnection {
  /** What the caller on this number says, while the call is recent (null for another number). */
  scriptFor(callbackNumber: string): readonly string[] | null;
}

/** How many recent callers' scripts a line remembers. */
const SCRIPTS_KEPT = 200;

export function openDemoTelephonyLine(options: DemoLineOptions): DemoTelephonyLine {
  const random = seededRandom(options.seed);
  const encoder = new TextEncoder();
  const timers = new Set<NodeJS.Timeout>();
  const listeners: ((chunk: Uint8Array) => void)[] = [];
  let sequence = 1;
  let closed = false;

  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) run();
    }, ms);
    timers.add(timer);
  };
  const deliver = (text: string): void => {
    const bytes = encoder.encode(text);
    for (const listener of listeners) listener(bytes);
  };
  const scripts = new Map<string, readonly string[]>();
  const nextCall = (): void => {
    const call = demoCall(sequence, options.now(), random);
    scripts.set(callerKey(call.callbackNumber), call.script);
    if (scripts.size > SCRIPTS_KEPT) scripts.delete(scripts.keys().next().value as string);
    sequence += call.records.length;
    for (const entry of call.records) later(entry.delayMs, () => deliver(entry.text));
    later(options.intervalSeconds * 1000 * (0.5 + random()), nextCall);
  };
  later(options.firstCallAfterMs ?? 3_000, nextCall);

  return {
    scriptFor: (callbackNumber) => scripts.get(callerKey(callbackNumber)) ?? null,
    onData: (listener) => {
      listeners.push(listener);
    },
    onEnd: () => undefined,
    close: async () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.resolve();
    },
  };
}
