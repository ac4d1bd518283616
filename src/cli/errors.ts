/** Exit codes shared by every command (documented in the README). */
export const EXIT = {
  ok: 0,
  /** Some articles failed, or a check (eval baseline) failed. */
  failed: 1,
  usage: 2,
  interrupted: 130,
} as const;

/** A mistake in how the command was called: printed with the command's usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
