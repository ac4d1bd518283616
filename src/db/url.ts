/** Which database a `--db` URL names. */

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string };

/** A `--db` value that names no database quarry can open (a usage error). */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * `sqlite:PATH` (relative to the working directory; `sqlite:///abs/path` and
 * `sqlite::memory:` work too) or `postgres://…` / `postgresql://…`, passed to
 * `pg` unchanged so that whatever the URL leaves out comes from the standard
 * PG environment variables.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', connectionString: url };
  const sqlite = /^sqlite:(.*)$/i.exec(url);
  if (sqlite) {
    let path = sqlite[1];
    if (path.startsWith('//')) path = path.slice(2);
    if (!path) throw new DatabaseUrlError(`"${url}" names no file: use sqlite:PATH, e.g. sqlite:output/quarry.db`);
    return { kind: 'sqlite', path };
  }
  throw new DatabaseUrlError(`unsupported database URL "${url}": use sqlite:PATH or postgres://user@host:port/dbname`);
}

/** The URL with any password replaced by `***`, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}
