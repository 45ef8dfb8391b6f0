import { setTimeout as sleep } from 'node:timers/promises';
import { publishBadMessages, type BadReportEntry } from '../bad/publish-bad.js';
import { runLoad, type LoadSummary } from '../load/load-generator.js';
import { buildProvinceModel, type ProvinceModel } from '../model/province-model.js';
import { startLivePublisher, type PublishStats } from '../publish/live-publisher.js';
import type { Log } from '../publish/mqtt-connection.js';
import { startReportSubmitter, type ReportStats, type ReportSubmitter } from '../reports/report-submitter.js';
import { startFeedbackSubmitter, type FeedbackStats, type FeedbackSubmitter } from '../feedback/feedback-submitter.js';
import type { CliOptions } from './cli-options.js';
import { registerSources } from './register-sources.js';
import { startUnitFleet } from '../dispatch/unit-fleet.js';
import { startCameraStreamServer } from '../camera-stream/camera-stream-server.js';
import type { SeenEvent } from '../camera-stream/scenes.js';

type Options<M extends CliOptions['mode']> = Extract<CliOptions, { mode: M }>;

/** "cameras 84 (traffic 30, security 54), counters 18, …" for the start line. */
export function describeSources(model: ProvinceModel): string {
  const counts = new Map<string, number>();
  for (const s of model.sources) counts.set(`${s.sector}/${s.kind}`, (counts.get(`${s.sector}/${s.kind}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

/** Resolves after `seconds` (if given) or when the signal aborts, whichever comes first. */
async function runFor(seconds: number | undefined, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await new Promise<void>((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
    if (seconds !== undefined) void sleep(seconds * 1000, undefined, { signal }).then(resolve, resolve);
  });
}

export async function runLive(options: Options<'live'>, signal: AbortSignal, log: Log): Promise<PublishStats & { reports?: ReportStats; feedback?: FeedbackStats }> {
  const model = buildProvinceModel({ seed: options.seed });
  // Camera pictures first: their URLs go into the cameras' attributes at registration.
  const cameras = options.cameraStreams ? await startCameraStreamServer({ model, ...options.cameraStreams, log }) : undefined;
  const sources = cameras ? cameras.withStreamAttributes(model.sources) : model.sources;
  if (options.apiUrl) await registerSources(options.apiUrl, [...sources, ...model.units], { ...(options.apiToken ? { token: options.apiToken } : {}), signal, log });
  if (signal.aborted) {
    await cameras?.close();
    return { telemetry: 0, events: 0, status: 0, acked: 0, errors: 0 };
  }
  const publisher = startLivePublisher(model, {
    ...(cameras ? { onEvent: (sourceId: string, event: SeenEvent) => cameras.noteEvent(sourceId, event) } : {}),
    mqttUrl: options.mqttUrl,
    intervalS: options.intervalS,
    devicesWithWill: options.devicesWithWill,
    eventRateScale: options.eventRateScale,
    topicRoot: options.topicRoot,
    log,
  });
  log(
    `ioc-sim: publishing ${model.sources.length} sources (${describeSources(model)}) to ${options.mqttUrl} under ${options.topicRoot}/… ` +
      `every ${options.intervalS} s, QoS 1; ${Math.min(options.devicesWithWill, model.sources.length)} with their own connection and Last Will; ` +
      `${options.seconds !== undefined ? `stopping after ${options.seconds} s` : 'Ctrl-C stops'}`,
  );
  // Response units: positions, and with the API their assignments (acknowledge, drive, return).
  const fleet = startUnitFleet(model.units, { mqttUrl: options.mqttUrl, ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}), ...(options.apiToken ? { apiToken: options.apiToken } : {}), topicRoot: options.topicRoot, log });
  let reports: ReportSubmitter | undefined;
  if (options.apiUrl && options.reports) {
    reports = startReportSubmitter({
      apiUrl: options.apiUrl,
      ...(options.apiToken ? { token: options.apiToken } : {}),
      seed: options.seed,
      regions: model.regions,
      log,
      ...(options.verbose ? { debug: log } : {}),
      signal,
    });
  } else if (options.reports) {
    log('ioc-sim: no --api, so no report submissions (telemetry and events only)');
  }
  let feedback: FeedbackSubmitter | undefined;
  if (options.apiUrl && options.feedbackPerHour > 0) {
    feedback = startFeedbackSubmitter({ apiUrl: options.apiUrl, ...(options.apiToken ? { token: options.apiToken } : {}), seed: options.seed, regions: model.regions, perHour: options.feedbackPerHour, log, signal });
  }
  await runFor(options.seconds, signal);
  const [stats, reportStats, feedbackStats] = await Promise.all([publisher.stop(), reports?.stop(), feedback?.stop(), fleet.stop(), cameras?.close()]);
  return { ...stats, ...(reportStats ? { reports: reportStats } : {}), ...(feedbackStats ? { feedback: feedbackStats } : {}) };
}

export async function runLoadMode(options: Options<'load'>, signal: AbortSignal, log: Log): Promise<LoadSummary> {
  const model = buildProvinceModel({ seed: options.seed });
  if (options.apiUrl) await registerSources(options.apiUrl, model.sources, { ...(options.apiToken ? { token: options.apiToken } : {}), signal, log });
  log(
    `ioc-sim: load mode, ${options.rate} telemetry messages/s with 4 metrics each to ${options.mqttUrl} over ${options.connections} connection(s), ` +
      `QoS 1, up to ${options.maxInFlight} in flight per connection; ${options.seconds !== undefined ? `for ${options.seconds} s` : 'Ctrl-C stops'}`,
  );
  return runLoad({
    mqttUrl: options.mqttUrl,
    rate: options.rate,
    model,
    connections: options.connections,
    maxInFlight: options.maxInFlight,
    topicRoot: options.topicRoot,
    signal,
    log,
    ...(options.seconds !== undefined ? { seconds: options.seconds } : {}),
  });
}

export async function runBadMode(options: Options<'bad'>, log: Log): Promise<BadReportEntry[]> {
  const model = buildProvinceModel({ seed: options.seed });
  log(`ioc-sim: sending ${options.count} cop${options.count === 1 ? 'y' : 'ies'} of each malformed-message kind to ${options.mqttUrl} under ${options.topicRoot}/…`);
  return publishBadMessages({ mqttUrl: options.mqttUrl, model, count: options.count, hugeBytes: options.hugeBytes, topicRoot: options.topicRoot, log });
}
