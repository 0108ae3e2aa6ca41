// A drill console in a test: the acceptance scenario (or another) run through the `drill.*`
// channels with the autopilot trainee, the host's clock moved by hand one drill second at a time.
import type { CallContext } from '../../../src-shared/contract/api';
import type { DrillState } from '../../../src-shared/domain/drill/drillRun';
import { startDrillAutopilot, type AutopilotMode } from '../../../src-main/services/drill/drillAutopilot';
import { readScenarioFile } from '../../../src-main/services/drill/scenarioFile';
import { BASIM } from '../../support/scenario';
import { signInWindow, type HostUnderTest, type HostOptions } from './testHost';
import { waitUntil } from './waitUntil';

export const ACCEPTANCE_SCENARIO = '04-acceptance-three-calls.drill.json';

/** The options of a drill console: the drill profile, its scripted telephony and radio lines, the demo roster. */
export const DRILL_HOST: HostOptions = {
  role: 'trainer',
  roster: true,
  config: {
    profile: 'drill',
    serial: {
      ports: [
        { id: 'ali', path: 'demo:drill', protocol: 'ali' },
        { id: 'radio', path: 'demo:drill', protocol: 'radio' },
      ],
    },
  },
};

/** The trainee's window. */
export const TRAINEE: CallContext = BASIM;

export interface DrillRunResult {
  readonly state: DrillState;
  readonly row: (injectId: string) => DrillState['injects'][number] | undefined;
  readonly problems: readonly string[];
}

/**
 * Runs a shipped scenario to its end at `speed` with the autopilot as trainee (signed in as a
 * call-taker and dispatcher); `onSecond` runs after each drill second (to move units, to look).
 */
export async function runDrillWithAutopilot(
  under: HostUnderTest,
  options: {
    readonly mode: AutopilotMode;
    readonly file?: string;
    readonly speed?: number;
    readonly onSecond?: (seconds: number) => void | Promise<void>;
  },
): Promise<DrillRunResult> {
  const { host } = under;
  const file = options.file ?? ACCEPTANCE_SCENARIO;
  const speed = options.speed ?? 4;
  const up = (id: string) => host.links.list().some((link) => link.id === id && link.state === 'up');
  await waitUntil(() => up('serial:ali') && up('serial:radio'), 'both drill lines open');
  await signInWindow(host, TRAINEE, ['call-taker', 'dispatcher']);
  const taxonomy = await under.api.taxonomy.get({});
  const read = readScenarioFile(`resources/drills/${file}`, { taxonomy, resourcesDir: host.config.resourcesDir });
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  const problems: string[] = [];
  const autopilot = startDrillAutopilot({
    scenario: read.scenario,
    taxonomy,
    mode: options.mode,
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
  await under.api.drill.load({ file });
  await under.api.drill.start({ speed });
  // One drill second per step, as the console's timer would run it.
  while (host.drill.state()?.status !== 'ended') {
    under.clock.advance(1000 / speed);
    host.drill.tick();
    await autopilot.tick();
    await options.onSecond?.(host.drill.state()?.seconds ?? 0);
  }
  autopilot.stop();
  const state = host.drill.state();
  if (!state) throw new Error('no drill');
  return { state, row: (id) => state.injects.find((entry) => entry.id === id), problems };
}
