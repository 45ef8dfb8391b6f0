/** Helpers of the wall browser test: Chromium launch, the demo process, pixel reading. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless Chromium with WebGL through SwiftShader (see STACK.md). playwright gives every launch
 * a fresh temporary profile itself (it refuses an explicit --user-data-dir).
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

export interface DemoProcess {
  wallUrl: string;
  /** The embedded MQTT broker the demo printed (`MQTT: mqtt://…`). */
  mqttUrl: string;
  stop(): Promise<void>;
}

/** Starts `node <script>` and resolves with the wall URL it prints (`IOC wall: http://…`). */
export async function startDemo(script: string, env: Record<string, string>, timeoutMs: number): Promise<DemoProcess> {
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const remember = (line: string) => {
    output.push(line);
    if (output.length > 40) output.shift();
  };
  createInterface({ input: child.stderr! }).on('line', remember);
  let mqttUrl = '';
  const wallUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo printed no "IOC wall:" line within ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      remember(line);
      const mqtt = /^\s*MQTT: (mqtt:\/\/\S+)/.exec(line);
      if (mqtt) mqttUrl = mqtt[1]!.replace('//0.0.0.0:', '//127.0.0.1:');
      const match = /IOC wall: (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        // A server bound to all interfaces prints 0.0.0.0, which a browser cannot dial.
        resolve(match[1]!.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//127.0.0.1:'));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`demo exited (code ${code}, signal ${signal}) before printing its URL:\n${output.join('\n')}`));
    });
  });
  // The demo prints the broker line right after the wall's.
  for (let i = 0; i < 50 && !mqttUrl; i += 1) await new Promise((r) => setTimeout(r, 20));
  return {
    wallUrl,
    mqttUrl,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killTimer);
    },
  };
}

export interface PixelStats {
  width: number;
  height: number;
  /** Share of pixels that differ from `background` by more than a small tolerance. */
  nonBackgroundShare: number;
  /** Share of pixels whose colour is close to one of `targets`. */
  targetShare: number;
  /** Distinct colours after quantising each channel to 4 bits. */
  distinctColors: number;
  /** RGB at each probe point (page pixels inside the clip). */
  probes: Array<[number, number, number]>;
}

/**
 * Screenshots `clip` and reads its pixels back in the page itself (a PNG decoder for free),
 * so a WebGL canvas is judged by what the screen shows, not by its drawing buffer.
 */
export async function readPixels(
  page: Page,
  clip: { x: number; y: number; width: number; height: number },
  background: [number, number, number],
  targets: Array<[number, number, number]>,
  probes: Array<{ x: number; y: number }> = [],
): Promise<PixelStats> {
  const png = await page.screenshot({ clip, type: 'png' });
  return page.evaluate(
    async ({ base64, background, targets, probes, clip }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      const near = (r: number, g: number, b: number, c: number[], tolerance: number) =>
        Math.abs(r - c[0]!) <= tolerance && Math.abs(g - c[1]!) <= tolerance && Math.abs(b - c[2]!) <= tolerance;
      let nonBackground = 0;
      let onTarget = 0;
      const colors = new Set<number>();
      const pixels = image.width * image.height;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i]!;
        const g = data[i + 1]!;
        const b = data[i + 2]!;
        if (!near(r, g, b, background, 6)) nonBackground += 1;
        if (targets.some((t) => near(r, g, b, t, 10))) onTarget += 1;
        colors.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
      }
      const probeColors = probes.map(({ x, y }) => {
        const px = Math.round(x - clip.x);
        const py = Math.round(y - clip.y);
        const at = (py * image.width + px) * 4;
        return [data[at]!, data[at + 1]!, data[at + 2]!] as [number, number, number];
      });
      return {
        width: image.width,
        height: image.height,
        nonBackgroundShare: nonBackground / pixels,
        targetShare: onTarget / pixels,
        distinctColors: colors.size,
        probes: probeColors,
      };
    },
    { base64: png.toString('base64'), background, targets, probes, clip },
  );
}

/** Parses a vi-VN or en-GB integer as shown on the wall ("1.234" or "1,234"). */
export function parseDisplayedInteger(text: string): number {
  return Number(text.replace(/[^\d]/g, ''));
}
