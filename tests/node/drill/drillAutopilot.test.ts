// The autopilot trainee on a drill console: the acceptance scenario run at ×4 through the same
// channels a trainee's window calls, the host's clock moved by hand one drill second at a time.
import { describe, expect, it } from 'vitest';
import { DRILL_HOST, runDrillWithAutopilot } from '../support/drillHost';
import { useTestHosts } from '../support/testHost';

describe('the autopilot trainee', () => {
  const { startHost } = useTestHosts();
  const drillHost = () => startHost(DRILL_HOST);

  it('given the perfect autopilot at ×4, when the acceptance scenario runs, then every call is answered, made an incident and dispatched on the script', async () => {
    const { row, problems, state } = await runDrillWithAutopilot(drillHost(), { mode: 'perfect' });

    expect(problems).toEqual([]);
    expect(row('call-1')?.states).toMatchObject({ fired: 10, answered: 14, 'incident-created': 34, dispatched: 44 });
    expect(row('call-2')?.states).toMatchObject({
      fired: 120,
      answered: 124,
      'incident-created': 144,
      dispatched: 154,
    });
    expect(row('call-2-repeat')?.status).toBe('not-needed');
    expect(row('radio-emergency')?.states).toMatchObject({ fired: 300, acknowledged: 304 });
    // Call 3 rang during the serial outage: no ALI record, so the trainee entered it by hand.
    expect(state.notices.filter((notice) => notice.kind === 'no-ali').map((notice) => notice.injectId)).toEqual([
      'call-3',
    ]);
    expect(row('call-3')?.states).toMatchObject({ fired: 450, answered: 458, 'incident-created': 478 });
  });

  it('given the late autopilot, when the acceptance scenario runs, then call 2 is answered at 25 s and the emergency acknowledged at 30 s', async () => {
    const { row } = await runDrillWithAutopilot(drillHost(), { mode: 'late' });

    expect(row('call-2')?.states).toMatchObject({ fired: 120, answered: 145 });
    expect(row('radio-emergency')?.states).toMatchObject({ fired: 300, acknowledged: 330 });
  });
});
