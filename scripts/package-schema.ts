// Writes docs/package.schema.json from the TypeBox schema in engine/package.ts (one source).
import { writeFileSync } from 'node:fs';
import { packageJsonSchema } from '../engine/package';

writeFileSync(
  new URL('../docs/package.schema.json', import.meta.url),
  `${JSON.stringify(packageJsonSchema(), null, 2)}\n`,
);
