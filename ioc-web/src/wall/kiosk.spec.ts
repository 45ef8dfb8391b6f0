import { afterEach, describe, expect, it, vi } from 'vitest';
import { KioskRecovery, RELOAD_PROBE_AFTER_MS } from './kiosk';

describe('KioskRecovery', () => {
  afterEach(() => vi.useRealTimers());

  it('reloads once the server answers after being offline a while, not before', async () => {
    vi.useFakeTimers();
    let now = 0;
    let up = false;
    const reload = vi.fn();
    const k = new KioskRecovery(reload, async () => up, () => now);
    k.onConnection('reconnecting');
    now = RELOAD_PROBE_AFTER_MS - 1;
    up = true;
    await k.tick();
    expect(reload).not.toHaveBeenCalled(); // a short blip: the live client resumes by itself
    now = RELOAD_PROBE_AFTER_MS + 1;
    up = false;
    await k.tick();
    expect(reload).not.toHaveBeenCalled(); // still down
    up = true;
    await k.tick();
    expect(reload).toHaveBeenCalledTimes(1);
    k.stop();
  });

  it('forgets the outage when the live client reconnects by itself', async () => {
    let now = 0;
    const reload = vi.fn();
    const k = new KioskRecovery(reload, async () => true, () => now);
    k.onConnection('offline');
    k.onConnection('connected');
    now = RELOAD_PROBE_AFTER_MS * 2;
    await k.tick();
    expect(reload).not.toHaveBeenCalled();
    k.stop();
  });
});
