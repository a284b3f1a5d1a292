// Waiting for a condition in end-to-end tests: poll, never sleep a fixed time.
//
// Every timeout in these tests is a hang guard, not a speed claim (speed is measured in bench/):
// at least ten times what the wait takes on the 2-core test machine, so a loaded CI machine
// fails only when the code is wrong. Most waits end in well under 1.5 s (default 15 s); the
// longest test, the 10-run fault soak, takes ~22 s against its 240 s.

/**
 * Polls `probe` every 50 ms until it returns something other than undefined, false or null,
 * and returns that; after `timeoutMs` fails, naming `what` (a string, or an async function for
 * diagnostics) and the probe's last error.
 */
export async function eventually(probe, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? await what() : what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
