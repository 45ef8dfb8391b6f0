import net from 'node:net';

/** Set by .ci/run: a missing service fails the run instead of skipping its suites. */
export const REQUIRE_SERVICES = process.env.IOC_TEST_REQUIRE_SERVICES === '1';

export async function tcpReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/**
 * Whether the suites needing `name` can run. Missing → a plain message saying what was skipped
 * and why, or, under IOC_TEST_REQUIRE_SERVICES=1, an error that fails the run.
 */
export async function serviceAvailable(name: string, host: string, port: number, suite: string): Promise<boolean> {
  if (await tcpReachable(host, port)) return true;
  const why = `${name} is not reachable at ${host}:${port}`;
  if (REQUIRE_SERVICES) throw new Error(`${suite}: ${why}, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
  process.stdout.write(`\n[skipped] ${suite}: ${why}. Start ${name} or run .ci/run to exercise this path.\n`);
  return false;
}
