/**
 * Resolves true as soon as `condition()` holds, or false once `timeoutMs` passed. Polling keeps
 * it independent of who changes the condition; it only runs while stopping, so 10 ms is cheap.
 */
export async function waitUntil(condition: () => boolean, timeoutMs: number, pollMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return true;
}
