import { InvalidArgumentError, type Command } from 'commander';
import { seededRandom } from '../../src-shared/domain/random';
import { startUnitSimulator } from '../services/avl/simulator';

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 100_000) throw new InvalidArgumentError('1-100000');
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > 100)
    throw new InvalidArgumentError('a number above 0, up to 100');
  return number;
}

function brokerUrl(value: string): string {
  if (!/^(mqtt|mqtts|ws|wss):\/\/[^\s/]+/.test(value)) throw new InvalidArgumentError('an mqtt:// or mqtts:// URL');
  return value;
}

/** Prints the published count every few seconds (stderr) so a drill sees the feed is alive. */
function reportEvery(ms: number, published: () => number): () => void {
  let last = 0;
  const timer = setInterval(() => {
    const now = published();
    process.stderr.write(`published ${String(now)} fixes (${String(Math.round(((now - last) * 1000) / ms))}/s)\n`);
    last = now;
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}

/** `nida simulate units …`: simulated units driving in Baghdad, through a real MQTT broker. */
export function registerSimulateCommands(program: Command): void {
  const simulate = program
    .command('simulate')
    .description('simulated field equipment for demos, drills and benchmarks');
  simulate
    .command('units')
    .description(
      'drive N units (device ids sim-0001…) along plausible paths in Baghdad, publishing Nida JSON over MQTT',
    )
    .option('-n, --count <n>', 'number of units', positiveInteger, 50)
    .option('-r, --rate <hz>', 'fixes per unit per second', positiveNumber, 1)
    .option(
      '-b, --broker <url>',
      'the broker Nida subscribes to (the embedded one is mqtt://127.0.0.1:1883)',
      brokerUrl,
      'mqtt://127.0.0.1:1883',
    )
    .option('-s, --seconds <s>', 'stop after this many seconds (default: until Ctrl+C)', positiveInteger)
    .option('--seed <n>', 'seed for repeatable paths', positiveInteger)
    .option('--username <name>', 'broker user name')
    .option('--password <password>', 'broker password (or $NIDA_MQTT_PASSWORD)')
    .action(
      async (options: {
        count: number;
        rate: number;
        broker: string;
        seconds?: number;
        seed?: number;
        username?: string;
        password?: string;
      }) => {
        const password = options.password ?? process.env.NIDA_MQTT_PASSWORD;
        const simulator = await startUnitSimulator({
          brokerUrl: options.broker,
          count: options.count,
          rateHz: options.rate,
          ...(options.seconds !== undefined && { seconds: options.seconds }),
          ...(options.seed !== undefined && { random: seededRandom(options.seed) }),
          ...(options.username !== undefined && { username: options.username }),
          ...(password !== undefined && { password }),
        });
        process.stderr.write(
          `simulating ${String(options.count)} units at ${String(options.rate)} Hz → ${options.broker} (nida/avl/sim-0001…)\n`,
        );
        const stopReports = reportEvery(5_000, simulator.published);
        const stop = (): void => {
          void simulator.stop();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await simulator.done;
        stopReports();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.stderr.write(`done: ${String(simulator.published())} fixes published\n`);
      },
    );
}
