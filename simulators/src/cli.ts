#!/usr/bin/env node
import { CliUsageError, parseCliOptions, USAGE } from './cli/cli-options.js';
import { RegistrationError } from './cli/register-sources.js';
import { BrokerUnavailableError } from './publish/mqtt-connection.js';
import { runBadMode, runLive, runLoadMode } from './cli/run-modes.js';
import { isEntryPoint } from './util/is-entry-point.js';

/**
 * `ioc-sim`: diagnostics go to stderr, results (final stats, load summary, bad-message list) to
 * stdout as JSON, so scripts can parse stdout. SIGINT/SIGTERM stop gracefully — sources are
 * marked offline and in-flight messages flushed — and the exit code is 0; a second signal exits
 * at once.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let options;
  try {
    options = parseCliOptions(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    log(`ioc-sim: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.mode === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Every MQTT connection signs in with this device credential (read in publish/mqtt-connection.ts).
  if (options.mqttUsername !== undefined) process.env.IOC_SIM_MQTT_USERNAME = options.mqttUsername;
  if (options.mqttPassword !== undefined) process.env.IOC_SIM_MQTT_PASSWORD = options.mqttPassword;
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) process.exit(130);
    log(`ioc-sim: ${signal}, stopping`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result =
      options.mode === 'bad' ? await runBadMode(options, log) : options.mode === 'load' ? await runLoadMode(options, stop.signal, log) : await runLive(options, stop.signal, log);
    process.stdout.write(`${JSON.stringify(result, null, options.mode === 'bad' ? 2 : 0)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof RegistrationError && stop.signal.aborted) return 0;
    const expected = error instanceof RegistrationError || error instanceof BrokerUnavailableError;
    log(`ioc-sim: ${expected ? error.message : (error as Error).stack ?? String(error)}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

if (isEntryPoint(import.meta.url)) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // Exit even if a straggling handle (an HTTP keep-alive socket, a reconnect timer) lingers.
    setTimeout(() => process.exit(code), 1000).unref();
  });
}
