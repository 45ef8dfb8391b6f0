import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliOptions } from '../cli/cli-options.js';

describe('ioc-sim --camera-streams', () => {
  it('is off unless asked for', () => {
    expect(parseCliOptions([])).not.toHaveProperty('cameraStreams');
  });

  it('serves camera pictures on a free port at 2 fps by default, or where and how fast it is told', () => {
    expect(parseCliOptions(['--camera-streams'])).toMatchObject({ mode: 'live', cameraStreams: { port: 0, fps: 2 } });
    expect(parseCliOptions(['--camera-streams', '--camera-port', '18554', '--camera-fps', '1', '--camera-base-url', 'https://cams.example.vn/'])).toMatchObject({
      cameraStreams: { port: 18554, fps: 1, baseUrl: 'https://cams.example.vn' },
    });
  });

  it('refuses a bad port or frame rate', () => {
    expect(() => parseCliOptions(['--camera-streams', '--camera-fps', '0'])).toThrow(CliUsageError);
    expect(() => parseCliOptions(['--camera-streams', '--camera-port', '70000'])).toThrow(CliUsageError);
  });
});
