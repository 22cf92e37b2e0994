import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  accountChanges,
  changeOwnPassword,
  createUser,
  listUsers,
  login,
  logout,
  resetPassword,
  sessionHours,
  updateUser,
  type SessionMemory,
} from '../commands/accounts';
import type { Directory } from '../commands/directory';
import { anyCallerOf, callerOf, sessionCookie } from '../plugins/auth';
import { limitedRoles } from '../../engine';
import { loginLimitKey } from '../plugins/login-limit';
import { presentAccount, presentAccountChange, presentCaller, presentUser } from '../presenters/users';
import {
  AccountChangesQuery,
  AccountChangeView,
  AccountView,
  ChangeOwnPasswordBody,
  CreateUserBody,
  LoginBody,
  LoginResponse,
  ResetView,
  UpdateUserBody,
  UserParams,
  UserView,
  errorResponses,
} from '../contract';

const auth: FastifyPluginAsyncTypebox<{ now: () => Date; secureCookies: boolean; directory: Directory }> = async (
  app,
  opts,
) => {
  // What remembers accounts for a moment: the sessions (the case store) and the names shown.
  const memory: SessionMemory = {
    forgetSessions() {
      app.caseStore.forgetSessions();
      opts.directory.forget();
    },
  };
  app.post(
    '/auth/login',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: loginLimitKey } },
      schema: {
        tags: ['auth'],
        summary: 'Log in; answers a token and sets a session cookie',
        body: LoginBody,
        response: { 200: LoginResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const { token, user, expiresAt } = await login(
        req.em,
        req.body.username,
        req.body.password,
        opts.now(),
        app.caseStore.idleMs,
      );
      reply.setCookie(sessionCookie, token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: opts.secureCookies,
        maxAge: sessionHours * 3600,
      });
      return { token, user: presentUser(user), expiresAt: expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/logout',
    {
      onRequest: app.authenticate,
      config: { audience: limitedRoles },
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...errorResponses(401) } },
    },
    async (req, reply) => {
      await logout(req.em, memory, anyCallerOf(req).sessionId);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      onRequest: app.authenticate,
      config: { audience: limitedRoles },
      schema: { tags: ['auth'], summary: 'Who is logged in', response: { 200: UserView, ...errorResponses(401) } },
    },
    async (req) => presentCaller(anyCallerOf(req)),
  );

  app.post(
    '/auth/password',
    {
      onRequest: app.authenticate,
      // Guessing the current password from an open session is slowed down as a login is.
      config: { rateLimit: { max: 10, timeWindow: '1 minute' }, audience: limitedRoles },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; your other sessions end',
        body: ChangeOwnPasswordBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 429) },
      },
    },
    async (req, reply) => {
      await changeOwnPassword(req.em, memory, anyCallerOf(req), req.body, opts.now());
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/users',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: "The site's users (admin)",
        response: { 200: Type.Object({ items: Type.Array(AccountView) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: (await listUsers(req.em, callerOf(req).site)).map(presentAccount) }),
  );

  app.get(
    '/users/changes',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: "Every change to the site's accounts (or one account's), newest first (admin)",
        querystring: AccountChangesQuery,
        response: { 200: Type.Object({ items: Type.Array(AccountChangeView) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const changes = await accountChanges(req.em, callerOf(req).site, req.query);
      const names = await opts.directory.names(() => req.em, callerOf(req).site);
      return { items: changes.map((c) => presentAccountChange(c, names, req.locale)) };
    },
  );

  app.post(
    '/users',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin)',
        body: CreateUserBody,
        response: { 201: AccountView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(presentAccount(await createUser(req.em, callerOf(req), req.body, opts.now()))),
  );

  app.patch(
    '/users/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: "Change a user's role, function or name, or switch the account off or on (admin)",
        description: 'Switching an account off ends its sessions at once; each change is recorded.',
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: AccountView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => presentAccount(await updateUser(req.em, memory, callerOf(req), req.params.id, req.body, opts.now())),
  );

  app.post(
    '/users/:id/password',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: "Reset a user's password: the new one is answered once; the account's sessions end (admin)",
        params: UserParams,
        response: { 200: ResetView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { user, password } = await resetPassword(req.em, memory, callerOf(req), req.params.id, opts.now());
      // Shown once: no cache along the way keeps a copy.
      reply.header('cache-control', 'no-store');
      return { account: presentAccount(user), password };
    },
  );
};
export default auth;
