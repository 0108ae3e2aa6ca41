import { z } from 'zod';

/**
 * An address the way people in Iraq give it: the mahalla (محلة, a numbered quarter), the zuqaq
 * (زقاق, alley) and the dar (دار, house), plus a landmark (نقطة دالة) — street names and house
 * numbers are rare in calls. Stored as fields, shown in this order.
 */
export const iraqiAddressParts = ['mahalla', 'zuqaq', 'dar', 'landmark'] as const;
export type IraqiAddressPart = (typeof iraqiAddressParts)[number];

/** Bidi controls would let a value display as something else (finding 7 of the hardening probe). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

const part = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => value.replace(BIDI_CONTROLS, '').trim());

export const iraqiAddressSchema = z.strictObject({
  mahalla: part(20).optional(),
  zuqaq: part(20).optional(),
  dar: part(20).optional(),
  landmark: part(200).optional(),
});
export type IraqiAddress = z.infer<typeof iraqiAddressSchema>;

/** The filled parts in their spoken order, empty ones left out. */
export function addressPartsInOrder(address: IraqiAddress | null | undefined): [IraqiAddressPart, string][] {
  if (!address) return [];
  return iraqiAddressParts.flatMap((name) => {
    const value = address[name]?.trim();
    return value ? [[name, value] as [IraqiAddressPart, string]] : [];
  });
}

/** Only the filled parts, or null when none is (what an incident stores). */
export function compactAddress(address: IraqiAddress | null | undefined): IraqiAddress | null {
  const filled = addressPartsInOrder(address);
  return filled.length > 0 ? Object.fromEntries(filled) : null;
}

// The words callers and ALI records use, Arabic and Latin (ALI text is upper-case transliteration).
const NUMBERED_PARTS: readonly { part: 'mahalla' | 'zuqaq' | 'dar'; words: string }[] = [
  { part: 'mahalla', words: 'محلة|محله|م|MAHALLA|MAHALA|MAHALLAH|MHL|M' },
  { part: 'zuqaq', words: 'زقاق|زقاك|ز|ZUQAQ|ZUKAK|ZQAQ|ZQ|Z' },
  { part: 'dar', words: 'دار|د|بيت|DAR|HOUSE|H|D' },
];
const DIGITS = '[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[/-][0-9\u0660-\u0669\u06F0-\u06F9]+)?';

/**
 * The mahalla, zuqaq and dar numbers found in a free-text address (`محلة 905 زقاق 12 دار 7`,
 * `م905 ز12 د7`, `MAHALLA 905 ZUQAQ 12 HOUSE 7`), digits as written. Parts not found are absent.
 */
export function parseIraqiAddress(text: string): IraqiAddress {
  const found: { mahalla?: string; zuqaq?: string; dar?: string } = {};
  for (const { part: name, words } of NUMBERED_PARTS) {
    // A word boundary that also holds for Arabic letters: not preceded or followed by a letter.
    const pattern = new RegExp(
      `(?<![\\p{L}])(?:${words})\\.?\\s*(?:رقم|NO\\.?)?\\s*(${DIGITS})(?![\\p{L}\\p{N}])`,
      'iu',
    );
    const match = pattern.exec(text.replace(BIDI_CONTROLS, ''));
    if (match?.[1]) found[name] = match[1];
  }
  return found;
}

/** The Arabic words of the numbered parts: exports and other systems read the address in Arabic. */
const ARABIC_LABELS = { mahalla: 'محلة', zuqaq: 'زقاق', dar: 'دار' } as const;

/** `محلة 905، زقاق 12، دار 7 — قرب جامع الرحمن`: the parts in Arabic, in their order (EIDO, CSV). */
export function describeIraqiAddress(address: IraqiAddress | null | undefined): string {
  const filled = addressPartsInOrder(address);
  const numbered = filled
    .filter(([name]) => name !== 'landmark')
    .map(([name, value]) => `${ARABIC_LABELS[name as keyof typeof ARABIC_LABELS]} ${value}`)
    .join('، ');
  const landmark = filled.find(([name]) => name === 'landmark')?.[1];
  return [numbered, landmark].filter(Boolean).join(' — ');
}
