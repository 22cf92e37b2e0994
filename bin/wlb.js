#!/usr/bin/env node
// `npx wlb …`: the command-line tool, run through tsx like the server (see server/cli.ts).
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
