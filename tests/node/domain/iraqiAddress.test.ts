// The Iraqi address (mahalla, zuqaq, dar, landmark): read from the way callers and ALI records give
// it, kept only when filled, and told back in its spoken order.
import { describe, expect, it } from 'vitest';
import {
  addressPartsInOrder,
  compactAddress,
  describeIraqiAddress,
  iraqiAddressSchema,
  parseIraqiAddress,
} from '../../../src-shared/domain/iraqiAddress';

describe('Iraqi addresses', () => {
  it.each([
    ['محلة 905 زقاق 12 دار 7', { mahalla: '905', zuqaq: '12', dar: '7' }],
    ['الكرادة م905 ز12 د7 قرب جامع الرحمن', { mahalla: '905', zuqaq: '12', dar: '7' }],
    ['محلة ٩٠٥، زقاق ١٢، دار ٧/١', { mahalla: '٩٠٥', zuqaq: '١٢', dar: '٧/١' }],
    ['HOUSE 7 ZUQAQ 12 MAHALLA 905 KARRADA DAKHIL', { mahalla: '905', zuqaq: '12', dar: '7' }],
    ['محلة رقم 320', { mahalla: '320' }],
  ])('given "%s", when parsed, then the numbered parts are found', (text, parts) => {
    expect(parseIraqiAddress(text)).toEqual(parts);
  });

  it('given text whose letters only contain the short words, then nothing is taken for a part', () => {
    expect(parseIraqiAddress('شارع 14 رمضان قرب مدرسة 7 نيسان')).toEqual({});
    expect(parseIraqiAddress('AL-AMIRIYA 14 RAMADAN ST')).toEqual({});
  });

  it('given parts with bidi controls and blanks, then the controls are stripped and empty parts dropped', () => {
    const parsed = iraqiAddressSchema.parse({ mahalla: '\u202E905\u202C', zuqaq: '  ', dar: ' 7 ' });
    expect(parsed).toEqual({ mahalla: '905', zuqaq: '', dar: '7' });
    expect(compactAddress(parsed)).toEqual({ mahalla: '905', dar: '7' });
    expect(compactAddress({ zuqaq: ' ' })).toBeNull();
  });

  it('given the parts in any order, then they are told mahalla, zuqaq, dar, then the landmark', () => {
    const address = { landmark: 'قرب جامع الرحمن', dar: '7', mahalla: '905', zuqaq: '12' };
    expect(addressPartsInOrder(address).map(([name]) => name)).toEqual(['mahalla', 'zuqaq', 'dar', 'landmark']);
    expect(describeIraqiAddress(address)).toBe('محلة 905، زقاق 12، دار 7 — قرب جامع الرحمن');
    expect(describeIraqiAddress({ landmark: 'مقابل مستشفى ابن النفيس' })).toBe('مقابل مستشفى ابن النفيس');
    expect(describeIraqiAddress(null)).toBe('');
  });
});
