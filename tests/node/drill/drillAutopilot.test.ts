// The autopilot trainee on a drill console: the acceptance scenario run at ×4 through the same
// channels a trainee's window calls, the host's clock moved by hand one drill second at a time.
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src-shared/contract/api';
import { startDrillAutopilot, type AutopilotMode } from '../../../src-main/services/drill/drillAutopilot';
import { readScenarioFile } from '../../../src-main/services/drill/scenarioFile';
import { BASIM } from '../../support/scenario';
import { signInWindow, useTestHosts, type HostUnderTest } from '../support/testHost';
import { waitUntil } from '../support/waitUntil';

const ACCEPTANCE = '04-acceptance-three-calls.drill.json';
const DRILL_PORTS = [
  { id: 'ali', path: 'demo:drill', protocol: 'ali' },
  { id: 'radio', path: 'demo:drill', protocol: 'radio' },
];
const SPEED = 4;
const TRAINEE: CallContext = BASIM;

async function runAcceptance(under: HostUnderTest, mode: AutopilotMode) {
  const { host } = under;
  const up = (id: string) => host.links.list().some((link) => link.id === id && link.state === 'up');
  await waitUntil(() => up('serial:ali') && up('serial:radio'), 'both drill lines open');
  await signInWindow(host, TRAINEE, ['call-taker', 'dispatcher']);
  const read = readScenarioFile(`resources/drills/${ACCEPTANCE}`, {
    taxonomy: await under.api.taxonomy.get({}),
    resourcesDir: host.config.resourcesDir,
  });
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  const problems: string[] = [];
  const autopilot = startDrillAutopilot({
    scenario: read.scenario,
    taxonomy: await under.api.taxonomy.get({}),
    mode,
    context: TRAINEE,
    dispatch: (channel, args, context) => host.dispatch(channel, args, context),
    subscribe: (listener) => host.subscribe(listener),
    seconds: () => host.drill.state()?.seconds ?? 0,
    rangWithoutAli: () =>
      host.drill
        .state()
        ?.notices.filter((notice) => notice.kind === 'no-ali')
        .map((notice) => notice.injectId) ?? [],
    onProblem: (text) => problems.push(text),
  });
  await under.api.drill.load({ file: ACCEPTANCE });
  await under.api.drill.start({ speed: SPEED });
  // One drill second per step, as the console's timer would run it.
  while (host.drill.state()?.status !== 'ended') {
    under.clock.advance(1000 / SPEED);
    host.drill.tick();
    await autopilot.tick();
  }
  autopilot.stop();
  const state = host.drill.state();
  if (!state) throw new Error('no drill');
  const row = (id: string) => state.injects.find((entry) => entry.id === id);
  return { state, row, problems };
}

describe('the autopilot trainee', () => {
  const { startHost } = useTestHosts();
  const drillHost = () =>
    startHost({ role: 'trainer', roster: true, config: { profile: 'drill', serial: { ports: DRILL_PORTS } } });

  it('given the perfect autopilot at ×4, when the acceptance scenario runs, then every call is answered, made an incident and dispatched on the script', async () => {
    const { row, problems, state } = await runAcceptance(drillHost(), 'perfect');

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
    const { row } = await runAcceptance(drillHost(), 'late');

    expect(row('call-2')?.states).toMatchObject({ fired: 120, answered: 145 });
    expect(row('radio-emergency')?.states).toMatchObject({ fired: 300, acknowledged: 330 });
  });
});
