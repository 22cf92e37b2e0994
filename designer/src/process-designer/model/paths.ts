/** "Alle paden" (`engine/paths.ts`) on the draft, off the page's thread (./worker.ts). */
import type { Definition } from '../../../../engine/definition';
import { explorePaths, type PathsReport } from '../../../../engine/paths';
import { offThread, type Timed } from './worker';

export const pathsWork = (definition: Definition) => explorePaths(definition);

export function allPaths(definition: Definition): Promise<Timed<PathsReport>> {
  return offThread(
    () => new Worker(new URL('./paths.worker.ts', import.meta.url), { type: 'module' }),
    definition,
    pathsWork,
  );
}
