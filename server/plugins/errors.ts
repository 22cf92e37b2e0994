import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { pickLocale, say, type Locale } from '../../engine';
import type { ErrorCode } from '../contract';
import { AppError } from '../errors';
import { isDatabaseError, isStorageFull } from '../db/failures';

declare module 'fastify' {
  interface FastifyRequest {
    /** Dutch unless the client asks for English (Accept-Language: en). */
    locale: Locale;
  }
}

/** Fastify's own client errors, by their code, mapped onto our catalog. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
};

function ajvPath(instancePath: string, missing?: string): string {
  const path = instancePath.split('/').filter(Boolean).join('.');
  return missing ? (path ? `${path}.${missing}` : missing) : path;
}

/**
 * One error shape for every failure: `{ error: { code, message, details? } }`. A client's
 * mistake keeps its status and says what to fix; anything else is a 500 that says nothing more.
 */
export default fp(
  async (app) => {
    app.decorateRequest('locale', 'nl');
    app.addHook('onRequest', async (req) => {
      req.locale = pickLocale(req.headers['accept-language']);
    });

    app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
      const locale = req.locale ?? 'nl';
      if (err instanceof AppError) {
        return reply.code(err.statusCode).send({
          error: {
            code: err.code,
            message: say(err.text, locale),
            ...(err.details?.length
              ? { details: err.details.map((d) => ({ path: d.path, message: say(d.message, locale) })) }
              : {}),
          },
        });
      }
      if (err.validation) {
        const where = err.validationContext ?? 'body';
        return reply.code(400).send({
          error: {
            code: 'BAD_REQUEST',
            message: locale === 'nl' ? 'Het verzoek klopt niet' : 'The request is malformed',
            details: err.validation.map((v) => {
              const inner = ajvPath(v.instancePath, (v.params as { missingProperty?: string }).missingProperty);
              return { path: inner ? `${where}.${inner}` : where, message: v.message ?? 'invalid' };
            }),
          },
        });
      }
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const code =
          fastifyCodes[err.code] ?? (status === 429 ? 'RATE_LIMITED' : status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST');
        const message =
          code === 'RATE_LIMITED'
            ? locale === 'nl'
              ? 'Te veel pogingen; wacht even'
              : 'Too many attempts; wait a moment'
            : err.message;
        return reply.code(status).send({ error: { code, message } });
      }
      if (isStorageFull(err)) {
        req.log.error({ err }, 'request failed: the database has no room to write');
        return reply.code(507).send({
          error: {
            code: 'STORAGE_FULL',
            message:
              locale === 'nl'
                ? 'De server kan niets meer opslaan: de schijf is vol. Er is niets bewaard; probeer het later opnieuw of waarschuw de beheerder'
                : 'The server cannot store anything more: its disk is full. Nothing was saved; try again later or tell the administrator',
          },
        });
      }
      req.log.error({ err }, 'request failed');
      return reply.code(500).send({
        error: {
          code: 'INTERNAL',
          message: locale === 'nl' ? 'Er ging iets mis op de server' : 'Something went wrong on the server',
        },
      });
    });

    app.setNotFoundHandler((req, reply) => {
      reply.code(404).send({
        error: {
          code: 'NOT_FOUND',
          message:
            req.locale === 'en'
              ? `No route ${req.method} ${req.url.split('?')[0]}`
              : `Onbekende route ${req.method} ${req.url.split('?')[0]}`,
        },
      });
    });
  },
  { name: 'errors' },
);

/**
 * How an error is logged. A database driver's error names the failing query with the values in
 * it (names searched for, a case's data): only its code and where it was thrown are logged.
 */
export function errorForLog(err: FastifyError & { errno?: unknown }) {
  if (isDatabaseError(err)) {
    const frames = (err.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at '));
    return {
      type: err.name,
      message: 'database error (its query and values are left out of the log)',
      code: err.code,
      errno: err.errno,
      stack: frames.join('\n'),
    };
  }
  return {
    type: err.name,
    message: err.message,
    stack: err.stack ?? '',
    ...(err.code !== undefined ? { code: err.code } : {}),
    ...(err.statusCode !== undefined ? { statusCode: err.statusCode } : {}),
  };
}
