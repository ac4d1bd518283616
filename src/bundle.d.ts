/** See bundle.js. */
export function bundledModuleUrl(entry: URL): Promise<string>;
