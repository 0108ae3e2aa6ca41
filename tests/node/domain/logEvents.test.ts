// The center stream's message decoding: whatever arrives on the stream is refused with a reason,
// never thrown (a console catching up must not stop at one odd message).
import { describe, expect, it } from 'vitest';
import { decodeReplicatedEvent, encodeReplicatedEvent } from '../../../src-shared/domain/logEvents';

const CENTER = 'BGD';

function message(type: string): Uint8Array {
  const text = encodeReplicatedEvent(CENTER, {
    id: '01JF0000000000000000000000',
    stream: 'incident',
    streamId: 'I-1',
    incidentId: 'I-1',
    type,
    payload: {},
    hlc: '0000000000001-0000-C1',
    at: 1,
    actor: 'Amal',
    consoleId: 'C1',
  });
  return new TextEncoder().encode(text);
}

describe('decodeReplicatedEvent', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'given an event type named after an Object property (%s), then it is refused as an unknown type',
    (type) => {
      expect(decodeReplicatedEvent(message(type), CENTER)).toEqual({
        ok: false,
        reason: 'unknown-type',
        detail: `incident ${type}`,
      });
    },
  );
});
