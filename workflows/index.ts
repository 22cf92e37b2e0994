import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Definition } from '../engine';

const here = dirname(fileURLToPath(import.meta.url));

/** The workflows this product ships with: the JSON files in this folder, by key. */
export function shippedWorkflows(): Definition[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(here, f), 'utf8')) as Definition);
}

/** The shipped variants (workflows/variants/): package files as another site would send them. */
export function shippedVariants(): { file: string; text: string }[] {
  const dir = join(here, 'variants');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wlb.json'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}
