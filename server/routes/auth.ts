import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createUser, listUsers, login, logout, sessionHours, setUserFunction } from '../commands/accounts';
import { callerOf, sessionCookie } from '../plugins/auth';
import { loginLimitKey } from '../plugins/login-limit';
import { presentCaller, presentUser } from '../presenters/users';
import {
  CreateUserBody,
  LoginBody,
  LoginResponse,
  UpdateUserBody,
  UserParams,
  UserView,
  errorResponses,
} from '../contract';

const auth: FastifyPluginAsyncTypebox<{ now: () => Date; secureCookies: boolean }> = async (app, opts) => {
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
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...errorResponses(401) } },
    },
    async (req, reply) => {
      await logout(req.em, app.caseStore, callerOf(req).sessionId);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      onRequest: app.authenticate,
      schema: { tags: ['auth'], summary: 'Who is logged in', response: { 200: UserView, ...errorResponses(401) } },
    },
    async (req) => presentCaller(callerOf(req)),
  );

  app.get(
    '/users',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: "The site's users (admin)",
        response: { 200: Type.Object({ items: Type.Array(UserView) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: (await listUsers(req.em, callerOf(req).site)).map(presentUser) }),
  );

  app.post(
    '/users',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin)',
        body: CreateUserBody,
        response: { 201: UserView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(presentUser(await createUser(req.em, callerOf(req).site, req.body))),
  );

  app.patch(
    '/users/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: "Set or clear a user's function (admin)",
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: UserView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) =>
      presentUser(await setUserFunction(req.em, app.caseStore, callerOf(req).site, req.params.id, req.body.function)),
  );
};
export default auth;
