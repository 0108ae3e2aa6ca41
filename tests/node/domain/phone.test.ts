import { describe, expect, it } from 'vitest';
import { callSchemas, intakeDraftSchema } from '../../../src-shared/contract/schemas';
import { callEventPayloads, callerSchema } from '../../../src-shared/domain/call';
import { incidentEventPayloads } from '../../../src-shared/domain/incident';
import { phoneNumberSchema, stripBidiControls } from '../../../src-shared/domain/phone';

/** A caller number with a right-to-left override: shown reversed (07707654321) if kept. */
const RLO_NUMBER = '0770\u202E1234567';

describe('phone numbers and bidi controls', () => {
  it('given every bidi control character, then none is left', () => {
    const controls = '\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';

    expect(stripBidiControls(`07${controls}70`)).toBe('0770');
    expect(stripBidiControls('+964 770 123 4567')).toBe('+964 770 123 4567');
  });

  it('given the right-to-left override number, then the schema keeps the digits in the order sent', () => {
    expect(phoneNumberSchema().parse(RLO_NUMBER)).toBe('07701234567');
  });

  it('given a number that fits only without its controls, then its length is checked after stripping', () => {
    expect(phoneNumberSchema(11).parse(`\u2066${'0'.repeat(11)}\u2069`)).toBe('0'.repeat(11));
    expect(phoneNumberSchema(11).safeParse('0'.repeat(12)).success).toBe(false);
  });

  it('given each schema that carries a caller number, then each strips the controls', () => {
    expect(callSchemas.receive.parse({ source: 'manual', callerNumber: RLO_NUMBER }).callerNumber).toBe('07701234567');
    expect(callSchemas.duplicates.parse({ callerNumber: RLO_NUMBER }).callerNumber).toBe('07701234567');
    expect(callEventPayloads['call.received'].parse({ source: 'ali', callerNumber: RLO_NUMBER }).callerNumber).toBe(
      '07701234567',
    );
    expect(callerSchema.parse({ number: RLO_NUMBER }).number).toBe('07701234567');
    expect(incidentEventPayloads['incident.updated'].parse({ callerNumber: RLO_NUMBER }).callerNumber).toBe(
      '07701234567',
    );
    expect(
      incidentEventPayloads['incident.callerLinked'].parse({ callId: 'c1', callerNumber: RLO_NUMBER }).callerNumber,
    ).toBe('07701234567');
    const created = incidentEventPayloads['incident.created'].parse({
      number: '261207-0001',
      typeCode: 'fire',
      priority: 1,
      agencies: [],
      callerNumber: RLO_NUMBER,
    });
    expect(created.callerNumber).toBe('07701234567');
    const draft = intakeDraftSchema.shape.callerNumber.parse(RLO_NUMBER);
    expect(draft).toBe('07701234567');
  });
});
