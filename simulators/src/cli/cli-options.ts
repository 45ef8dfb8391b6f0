import { parseArgs } from 'node:util';
import { MQTT_TOPIC_ROOT } from '@ioc/sdk';

export const USAGE = `Usage: ioc-sim [options]

Simulates the Bình Phước IOC's devices over MQTT — cameras, traffic counters, air and water
stations, hospitals, schools, treasury offices, investment desks, attraction gates,
accommodation feeds, commune field-report inboxes, one-stop desks and document systems —
publishing on ioc/v1/{sector}/{kind}/{sourceId}/{channel}; with --api it also submits every
module's periodic reports through {URL}/api/v1/reports, as the province's units would.

Modes (default: live simulation)
  --rate N               load mode: N telemetry messages/s with 4 metrics each, then a JSON summary
  --bad                  send every kind of malformed message once, print a JSON list of them, exit

Options
  --mqtt URL             broker (default mqtt://127.0.0.1:1883)
  --api URL              register all sources first: PUT {URL}/api/v1/sources, retried until 2xx;
                         live mode then back-fills this year's report submissions (form by form,
                         one district's monthly batch as a CSV import) and keeps submitting as
                         periods come due: on time, late, wrong on purpose (refused with 422 or
                         returned by a reviewer, some corrected later) or never, per the modules'
                         submission profiles
  --no-reports           live mode: do not submit reports (telemetry and events only)
  --feedback-per-hour N  live mode with --api: citizens' field reports (with PNG photos) POSTed to
                         {URL}/api/v1/feedback, N an hour on average (default 30, 0 = none); most
                         are then moved to processing and done by simulated officials
  --camera-streams       live mode: serve a generated moving picture per camera over HTTP
                         (GET /cameras/{id}/stream.mjpeg and /cameras/{id}/snapshot.jpg) and
                         register its URLs as the cameras' streamUrl/snapshotUrl attributes
  --camera-port N        port of the camera pictures (default 0: a free port)
  --camera-base-url URL  URL the web reaches the camera pictures at (default http://127.0.0.1:{port})
  --camera-fps N         frames a second of the MJPEG streams (default 2)
  --verbose              live mode: log each refused (422) or returned report and each import
  --api-token TOKEN      bearer token for --api
  --seed N               province model seed (default 1)
  --interval-s S         seconds between readings of one source (default 5)
  --seconds N            stop after N seconds (default: until SIGINT/SIGTERM)
  --devices-with-will N  sources with their own connection and Last Will (default 20)
  --events-scale X       multiply rare incident events: camera analytics, school-safety incidents
                         (default 1, 0 = none; events that mirror counters are not scaled)
  --connections N        load mode: parallel MQTT connections (default 2)
  --max-in-flight N      load mode: unacknowledged messages per connection (default 2000)
  --bad-count N          bad mode: copies of each kind (default 1)
  --huge-bytes N         bad mode: size of the oversized payload (default 300000)
  --mqtt-username USER   device credential every MQTT connection signs in with (a broker with
  --mqtt-password SECRET MQTT_DEVICE_AUTH=required); or IOC_SIM_MQTT_USERNAME / IOC_SIM_MQTT_PASSWORD
                         in the environment, which keeps the secret out of ps
  --topic-root ROOT      topic prefix (default ${MQTT_TOPIC_ROOT}; for isolated tests)
  --help                 this text`;

interface CommonOptions {
  mqttUrl: string;
  /** --mqtt-username / --mqtt-password: the device credential (see simulatorCredentials). */
  mqttUsername?: string;
  mqttPassword?: string;
  seed: number;
  topicRoot: string;
  seconds?: number;
}

export type CliOptions =
  | ({ mode: 'help' } & CommonOptions)
  | ({
      mode: 'live';
      apiUrl?: string;
      apiToken?: string;
      intervalS: number;
      devicesWithWill: number;
      eventRateScale: number;
      /** Submit report templates through the API (needs --api; off with --no-reports). */
      reports: boolean;
      /** Citizens' field reports per hour through the API (needs --api; 0 = none). */
      feedbackPerHour: number;
      verbose: boolean;
      /** Serve camera pictures (--camera-streams); absent: none. */
      cameraStreams?: { port: number; baseUrl?: string; fps: number };
    } & CommonOptions)
  | ({ mode: 'load'; rate: number; connections: number; maxInFlight: number; apiUrl?: string; apiToken?: string } & CommonOptions)
  | ({ mode: 'bad'; count: number; hugeBytes: number } & CommonOptions);

export class CliUsageError extends Error {}

function number(name: string, raw: string | undefined, fallback: number, { min = 0, max = Infinity, integer = false } = {}): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const bounds = max === Infinity ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new CliUsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} ${bounds}, got "${raw}"`);
  }
  return value;
}

export function parseCliOptions(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        mqtt: { type: 'string' },
        'mqtt-username': { type: 'string' },
        'mqtt-password': { type: 'string' },
        api: { type: 'string' },
        'api-token': { type: 'string' },
        seed: { type: 'string' },
        'interval-s': { type: 'string' },
        seconds: { type: 'string' },
        'devices-with-will': { type: 'string' },
        'events-scale': { type: 'string' },
        rate: { type: 'string' },
        connections: { type: 'string' },
        'max-in-flight': { type: 'string' },
        bad: { type: 'boolean' },
        'bad-count': { type: 'string' },
        'huge-bytes': { type: 'string' },
        'topic-root': { type: 'string' },
        'no-reports': { type: 'boolean' },
        'feedback-per-hour': { type: 'string' },
        verbose: { type: 'boolean' },
        'camera-streams': { type: 'boolean' },
        'camera-port': { type: 'string' },
        'camera-base-url': { type: 'string' },
        'camera-fps': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const common: CommonOptions = {
    mqttUrl: values.mqtt ?? 'mqtt://127.0.0.1:1883',
    ...(values['mqtt-username'] !== undefined ? { mqttUsername: values['mqtt-username'] } : {}),
    ...(values['mqtt-password'] !== undefined ? { mqttPassword: values['mqtt-password'] } : {}),
    seed: number('seed', values.seed, 1, { integer: true }),
    topicRoot: values['topic-root'] ?? MQTT_TOPIC_ROOT,
    ...(values.seconds !== undefined ? { seconds: number('seconds', values.seconds, 0, { min: 0 }) } : {}),
  };
  if (values.help) return { mode: 'help', ...common };
  if (values.bad && values.rate !== undefined) throw new CliUsageError('--bad and --rate are different modes; pick one');
  const api = values.api !== undefined ? { apiUrl: values.api.replace(/\/+$/, ''), ...(values['api-token'] ? { apiToken: values['api-token'] } : {}) } : {};
  if (values.bad) {
    return {
      mode: 'bad',
      ...common,
      count: number('bad-count', values['bad-count'], 1, { min: 1, integer: true }),
      hugeBytes: number('huge-bytes', values['huge-bytes'], 300_000, { min: 1, integer: true }),
    };
  }
  if (values.rate !== undefined) {
    return {
      mode: 'load',
      ...common,
      ...api,
      rate: number('rate', values.rate, 0, { min: 1 }),
      connections: number('connections', values.connections, 2, { min: 1, integer: true }),
      maxInFlight: number('max-in-flight', values['max-in-flight'], 2000, { min: 1, max: 60_000, integer: true }),
    };
  }
  return {
    mode: 'live',
    ...common,
    ...api,
    intervalS: number('interval-s', values['interval-s'], 5, { min: 0.05 }),
    devicesWithWill: number('devices-with-will', values['devices-with-will'], 20, { integer: true }),
    eventRateScale: number('events-scale', values['events-scale'], 1),
    reports: !values['no-reports'],
    feedbackPerHour: number('feedback-per-hour', values['feedback-per-hour'], 30, { min: 0, max: 100_000 }),
    verbose: values.verbose === true,
    ...(values['camera-streams']
      ? {
          cameraStreams: {
            port: number('camera-port', values['camera-port'], 0, { integer: true, max: 65_535 }),
            fps: number('camera-fps', values['camera-fps'], 2, { min: 0.2, max: 10 }),
            ...(values['camera-base-url'] ? { baseUrl: values['camera-base-url'].replace(/\/+$/, '') } : {}),
          },
        }
      : {}),
  };
}
