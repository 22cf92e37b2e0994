import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
const scratch = mkdtempSync(join(tmpdir(), 'wlb-layers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the project's layer rules over a small tree of files, the way `npm run lint` runs them. */
async function cruise(files: Record<string, string>): Promise<{ ok: boolean; out: string }> {
  const dir = mkdtempSync(join(scratch, 'tree-'));
  copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  try {
    const { stdout } = await run(
      depcruise,
      ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', ...Object.keys(files)],
      { cwd: dir },
    );
    return { ok: true, out: stdout };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the layers point one way', () => {
  it('lets the engine stand alone and the contract import only the engine', async () => {
    const r = await cruise({
      'engine/rules.ts': 'export const rule = 1;\n',
      'server/contract/cases.ts': "import { rule } from '../../engine/rules';\nexport const view = rule;\n",
      'server/routes/cases.ts': "import { view } from '../contract/cases';\nexport default view;\n",
      'designer/src/pages/Case.tsx':
        "import { view } from '../../../server/contract/cases';\nexport const page = view;\n",
    });
    expect(r.out).toContain('no dependency violations');
    expect(r.ok).toBe(true);
  });

  it('fails when the engine imports from the server', async () => {
    const r = await cruise({
      'engine/rules.ts': "import { appError } from '../server/errors';\nexport const rule = appError;\n",
      'server/errors.ts': 'export const appError = 1;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('engine-is-pure: engine/rules.ts → server/errors.ts');
  });

  it('fails when the app reaches past the contract, or the contract into the server', async () => {
    const r = await cruise({
      'designer/src/pages/Case.tsx': "import { Case } from '../../../server/db/entities';\nexport const page = Case;\n",
      'server/db/entities.ts': 'export const Case = 1;\n',
      'server/contract/cases.ts': "import { Case } from '../db/entities';\nexport const view = Case;\n",
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('app-sees-only-the-contract: designer/src/pages/Case.tsx → server/db/entities.ts');
    expect(r.out).toContain('contract-stands-alone: server/contract/cases.ts → server/db/entities.ts');
  });

  it('fails on an import cycle and on a command that imports a presenter', async () => {
    const r = await cruise({
      'server/commands/cases.ts': "import { present } from '../presenters/cases';\nexport const load = present;\n",
      'server/presenters/cases.ts': "import { load } from '../commands/cases';\nexport const present = load;\n",
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('no-cycle: server/commands/cases.ts');
    expect(r.out).toContain(
      'commands-below-routes-and-presenters: server/commands/cases.ts → server/presenters/cases.ts',
    );
  });

  it('lets a presenter name the record a command returns, but not call the command', async () => {
    const command = 'export interface Entry { id: string }\nexport const worklist = (): Entry[] => [];\n';
    const named = await cruise({
      'server/commands/worklist.ts': command,
      'server/presenters/worklist.ts':
        "import type { Entry } from '../commands/worklist';\nexport const present = (e: Entry) => e.id;\n",
    });
    expect(named.out).toContain('no dependency violations');
    expect(named.ok).toBe(true);
    const called = await cruise({
      'server/commands/worklist.ts': command,
      'server/presenters/worklist.ts':
        "import { worklist, type Entry } from '../commands/worklist';\nexport const present = (e: Entry) => worklist().length + e.id;\n",
    });
    expect(called.ok).toBe(false);
    expect(called.out).toContain(
      'presenters-call-no-commands: server/presenters/worklist.ts → server/commands/worklist.ts',
    );
  });

  it('keeps React out of the process designer model', async () => {
    const r = await cruise({
      'designer/src/process-designer/model/model.ts': "import { Graph } from '../Graph';\nexport const m = Graph;\n",
      'designer/src/process-designer/Graph.tsx': 'export const Graph = 1;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('process-designer-model-without-react');
  });
});
