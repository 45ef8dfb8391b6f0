import type { ConnectionState } from '../live/live-client';
import { apiFetch } from '../auth/api-fetch';

/** How long the wall may be offline before it starts probing the server to reload itself. */
export const RELOAD_PROBE_AFTER_MS = 20_000;
const PROBE_EVERY_MS = 5_000;

/**
 * Self-recovery of a wall left alone for days: the live client reconnects and resumes by itself;
 * when it has been offline a while (server restarted, network back after an outage, a new version
 * deployed), the page probes `/api/v1/health` and reloads once the server answers, so it comes back
 * with fresh code and state without anybody at the keyboard.
 */
export class KioskRecovery {
  private offlineSince: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly reload: () => void = () => window.location.reload(),
    private readonly probe: () => Promise<boolean> = async () => (await apiFetch('/api/v1/health', { cache: 'no-store' }, { noRedirect: true })).ok,
    private readonly now: () => number = Date.now,
  ) {}

  onConnection(state: ConnectionState): void {
    if (state === 'connected') {
      this.offlineSince = null;
      this.stopProbing();
      return;
    }
    this.offlineSince ??= this.now();
    this.timer ??= setInterval(() => void this.tick(), PROBE_EVERY_MS);
  }

  async tick(): Promise<void> {
    if (this.offlineSince === null || this.now() - this.offlineSince < RELOAD_PROBE_AFTER_MS) return;
    const up = await this.probe().catch(() => false);
    if (up && this.offlineSince !== null) {
      this.stopProbing();
      this.reload();
    }
  }

  stop(): void {
    this.stopProbing();
  }

  private stopProbing(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

/** `?kiosk=1`: no cursor, no scrollbars, no selection or context menu (run Chromium with --kiosk). */
export function applyKioskChrome(enabled: boolean): () => void {
  if (!enabled) return () => undefined;
  document.documentElement.classList.add('kiosk');
  const block = (e: Event) => e.preventDefault();
  window.addEventListener('contextmenu', block);
  return () => {
    document.documentElement.classList.remove('kiosk');
    window.removeEventListener('contextmenu', block);
  };
}
