// The autopilot trainee on a drill console: the acceptance scenario run at ×4 through the same
// channels a trainee's window calls, the host's clock moved by hand one drill second at a time.
import { describe, expect, it } from 'vitest';
import { DRILL_HOST, runDrillWithAutopilot } from '../support/drillHost';
import { useTestHosts } from '../support/testHost';

describe('the autopilot trainee', () => {
  const { startHost } = useTestHosts();
  const drillHost = () => startHost(DRILL_HOST);

  it('given the perfect autopilot at ×4, when the acceptance scenario runs, then every call is answered, made an incident and dispatched on the script', async () => {
    const under = drillHost();
    const { row, problems, state } = await runDrillWithAutopilot(under, { mode: 'perfect' });

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

    // Acceptance 1: every rule passes (or does not apply), scored from what the console recorded.
    const report = await under.api.drill.report({ run: 'latest' });
    const failing = report.results.filter((result) => result.outcome !== 'pass' && result.outcome !== 'not-applicable');
    expect(failing).toEqual([]);
    const measured = (rule: string, injectId: string) =>
      report.results.find((result) => result.rule === rule && result.injectId === injectId)?.value;
    // Intervals as the autopilot's script has them, to the second.
    expect(measured('answer-time', 'call-1')).toBe(4);
    expect(measured('answer-time', 'call-2')).toBe(4);
    expect(measured('processing-time', 'call-1')).toBe(30);
    expect(measured('radio-emergency-ack', 'radio-emergency')).toBe(4);
    expect(report.results.map((result) => result.rule)).toEqual(
      expect.arrayContaining(['outage-entry', 'units', 'key-questions', 'instructions', 'location', 'callback']),
    );
  });

  it('given the late autopilot, when the acceptance scenario runs, then call 2 is answered at 25 s and the emergency acknowledged at 30 s', async () => {
    const under = drillHost();
    const { row } = await runDrillWithAutopilot(under, { mode: 'late' });

    expect(row('call-2')?.states).toMatchObject({ fired: 120, answered: 145 });
    expect(row('radio-emergency')?.states).toMatchObject({ fired: 300, acknowledged: 330 });
    // Acceptance 2: exactly those rules fail on their own, and the contingency repeat call rang.
    const report = await under.api.drill.report({ run: 'latest' });
    const ownFailures = report.results
      .filter((result) => result.outcome === 'fail' && !result.consequential)
      .map((result) => `${result.rule} ${result.injectId}`);
    expect(ownFailures.sort()).toEqual(['answer-time call-2', 'radio-emergency-ack radio-emergency']);
    expect(row('call-2-repeat')?.states.fired).toBe(270);
    expect(report.calls.map((strip) => strip.injectId)).toContain('call-2-repeat');
  });

  it('given the wrong autopilot, when the acceptance scenario runs, then call 2’s classification fails and what follows from it is consequential', async () => {
    const under = drillHost();
    await runDrillWithAutopilot(under, { mode: 'wrong' });

    const report = await under.api.drill.report({ run: 'latest' });
    const failures = report.results.filter((result) => result.outcome === 'fail');
    expect(
      failures.filter((result) => !result.consequential).map((result) => `${result.rule} ${result.injectId}`),
    ).toEqual(['classification call-2']);
    expect(
      failures.filter((result) => result.consequential).every((result) => result.because?.rule === 'classification'),
    ).toBe(true);
  });
});
