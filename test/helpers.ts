import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../server/app';

export const adminPassword = 'admin-wachtwoord-123';

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  dbFile: string;
  /** Logs in and returns a Bearer header for the user. */
  as(username: string, password?: string): Promise<Record<string, string>>;
  /** Creates a user (through the admin API) and returns their Bearer header. */
  user(username: string, role: 'staff' | 'manager' | 'admin'): Promise<Record<string, string>>;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A real app on a fresh SQLite file in a temporary folder. */
export async function testApp(options: AppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'wlb-test-'));
  const dbFile = join(dir, 'wlb.sqlite');
  const app = await buildApp({ databaseUrl: dbFile, adminPassword, staticDir: join(dir, 'no-app'), ...options });
  const as = async (username: string, password = username === 'admin' ? adminPassword : `${username}-wachtwoord`) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return { authorization: `Bearer ${res.json().token}` };
  };
  let admin: Record<string, string> | undefined;
  return {
    app,
    dir,
    dbFile,
    as,
    async user(username, role) {
      admin ??= await as('admin');
      const res = await app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username, password: `${username}-wachtwoord`, role } });
      if (res.statusCode !== 201) throw new Error(`create ${username}: ${res.statusCode} ${res.body}`);
      return as(username);
    },
    request: (opts) => app.inject(opts),
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sanne = { naam: 'Sanne de Vries', aanmelder: 'uwv', instroomroute: 'ww' };
