// Issue 20, finding 7: a right-to-left override in a caller number cannot make the console show a
// different callback number; through the host, call.receive and incident.create keep the digits as sent.
import { describe, expect, it } from 'vitest';
import { useTestHosts } from '../support/testHost';

const RLO_NUMBER = '0770\u202E1234567';

describe('bidi controls in caller numbers through the host', () => {
  const { startHost } = useTestHosts();

  it('given a received call and a created incident with an RLO in the number, then both store the plain digits', async () => {
    const { api } = startHost();

    const call = await api.call.receive({ source: 'manual', callerNumber: RLO_NUMBER });
    const incident = await api.incident.create({
      typeCode: 'fire',
      priority: 1,
      agencies: ['fire'],
      callerNumber: `\u2066${RLO_NUMBER}\u2069`,
    });

    expect(call.callerNumber).toBe('07701234567');
    expect(incident.callerNumber).toBe('07701234567');
    expect((await api.call.list({})).map((listed) => listed.callerNumber)).toEqual(['07701234567']);
  });
});
