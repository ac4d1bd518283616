/** A database error as one line, with PostgreSQL's detail when it has one. */
export function describeDbError(err: unknown): string {
  const e = err as { message?: string; detail?: string };
  const message = e?.message ?? String(err);
  return e?.detail ? `${message} (${e.detail})` : message;
}
