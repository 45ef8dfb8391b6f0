import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliOptions } from './cli-options.js';

describe('ioc-sim options', () => {
  it('defaults to a live simulation against the local broker, every 5 s, 20 devices with a will', () => {
    expect(parseCliOptions([])).toEqual({
      mode: 'live', mqttUrl: 'mqtt://127.0.0.1:1883', seed: 1, topicRoot: 'ioc/v1', intervalS: 5, devicesWithWill: 20, eventRateScale: 1, reports: true, feedbackPerHour: 30, verbose: false,
    });
  });

  it('turns report submissions off with --no-reports and logs their detail with --verbose', () => {
    expect(parseCliOptions(['--api', 'http://localhost:8080', '--no-reports'])).toMatchObject({ mode: 'live', apiUrl: 'http://localhost:8080', reports: false });
    expect(parseCliOptions(['--verbose'])).toMatchObject({ mode: 'live', reports: true, verbose: true });
  });

  it('reads the live options, trimming a trailing slash from the API URL', () => {
    const options = parseCliOptions(['--mqtt', 'mqtt://broker:1884', '--api', 'http://localhost:8080/', '--api-token', 't', '--interval-s', '1.5', '--seconds', '30', '--devices-with-will', '3']);
    expect(options).toMatchObject({ mode: 'live', mqttUrl: 'mqtt://broker:1884', apiUrl: 'http://localhost:8080', apiToken: 't', intervalS: 1.5, seconds: 30, devicesWithWill: 3 });
  });

  it('switches to load mode with --rate and to bad mode with --bad', () => {
    expect(parseCliOptions(['--rate', '20000', '--seconds', '10'])).toMatchObject({ mode: 'load', rate: 20000, seconds: 10, connections: 2, maxInFlight: 2000 });
    expect(parseCliOptions(['--bad', '--bad-count', '3', '--huge-bytes', '400000'])).toMatchObject({ mode: 'bad', count: 3, hugeBytes: 400000 });
  });

  it('rejects unknown options, bad numbers and conflicting modes with a usage error', () => {
    expect(() => parseCliOptions(['--nope'])).toThrow(CliUsageError);
    expect(() => parseCliOptions(['--interval-s', 'soon'])).toThrow(/--interval-s/);
    expect(() => parseCliOptions(['--rate', '-5'])).toThrow(/--rate/);
    expect(() => parseCliOptions(['--rate', '10', '--max-in-flight', '70000'])).toThrow(/--max-in-flight/);
    expect(() => parseCliOptions(['--bad', '--rate', '10'])).toThrow(/pick one/);
  });
});
