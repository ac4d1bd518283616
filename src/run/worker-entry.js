// The file pool threads load. A worker thread does not inherit the tsx hooks
// bin/quarry.js registered in the main thread, so it registers them itself
// before importing the TypeScript task (harmless when they are already there,
// e.g. under `tsx` or vitest).
import { register } from 'tsx/esm/api';

register();
const task = await import('./worker.ts');
export default task.default;
