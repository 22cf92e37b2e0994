import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { pickLocale, say, type Locale, type Message } from '../../engine';
import type { ErrorCode } from '../contract';
import { AppError } from '../errors';
import { isDatabaseError, isStorageFull } from '../db/failures';
import { validationDetails, type SchemaError } from '../presenters/validation';

declare module 'fastify' {
  interface FastifyRequest {
    /** Dutch unless the client asks for English (Accept-Language: en). */
    locale: Locale;
  }
}

const badUrl = {
  code: 'BAD_REQUEST',
  message: { nl: 'Het adres (URL) is ongeldig', en: 'The address (URL) is not valid' },
} as const;

/** Fastify's own refusals of a client's request, by their code: the catalog's code, and words. */
const fastifyRefusals: Record<string, { code: ErrorCode; message: Message }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: {
      nl: 'Dit soort inhoud (Content-Type) wordt hier niet gelezen',
      en: 'This kind of content (Content-Type) is not read here',
    },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: { nl: 'Het verzoek is te groot', en: 'The request is too large' },
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'BAD_REQUEST',
    message: { nl: 'De inhoud is geen geldige JSON', en: 'The body is not valid JSON' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'BAD_REQUEST',
    message: {
      nl: 'De inhoud is leeg, terwijl Content-Type JSON belooft',
      en: 'The body is empty, while Content-Type promises JSON',
    },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'BAD_REQUEST',
    message: {
      nl: 'De lengte van de inhoud klopt niet met Content-Length',
      en: 'The length of the body does not match Content-Length',
    },
  },
  FST_ERR_BAD_URL: badUrl,
  FST_ERR_INVALID_URL: badUrl,
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'URI_TOO_LONG',
    message: { nl: 'Een deel van het adres (URL) is te lang', en: 'A part of the address (URL) is too long' },
  },
  FST_ERR_RATE_LIMIT_EXCEEDED: {
    code: 'RATE_LIMITED',
    message: { nl: 'Te veel pogingen; wacht even', en: 'Too many attempts; wait a moment' },
  },
};

const malformed: Message = { nl: 'Het verzoek klopt niet', en: 'The request is malformed' };

/** Any other refusal of a client's request (a plugin's, Node's), by its status alone. */
function refusalByStatus(status: number): { code: ErrorCode; message: Message } {
  if (status === 404) return { code: 'NOT_FOUND', message: { nl: 'Niet gevonden', en: 'Not found' } };
  if (status === 403) return { code: 'FORBIDDEN', message: { nl: 'Dat mag niet', en: 'That is not allowed' } };
  if (status === 429) return fastifyRefusals.FST_ERR_RATE_LIMIT_EXCEEDED;
  return { code: 'BAD_REQUEST', message: malformed };
}

/** A refusal from Fastify or a plugin in the catalog's words; never their English text. */
function clientRefusal(err: FastifyError): { status: number; code: ErrorCode; message: Message } {
  const status = err.statusCode ?? 400;
  return { status, ...(fastifyRefusals[err.code] ?? refusalByStatus(status)) };
}

type Detail = { path: string; message: Message };

function errorBody(code: ErrorCode, message: Message, locale: Locale, details: Detail[] = []) {
  return {
    error: {
      code,
      message: say(message, locale),
      ...(details.length ? { details: details.map((d) => ({ path: d.path, message: say(d.message, locale) })) } : {}),
    },
  };
}

/**
 * One error shape for every failure: `{ error: { code, message, details? } }`, in the caller's
 * language. A client's mistake keeps its status and says what to fix, naming the property;
 * anything else is a 500 that says nothing more.
 */
export default fp(
  async (app) => {
    app.decorateRequest('locale', 'nl');
    app.addHook('onRequest', async (req) => {
      req.locale = pickLocale(req.headers['accept-language']);
    });

    app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
      const locale = req.locale ?? 'nl';
      if (err instanceof AppError)
        return reply.code(err.statusCode).send(errorBody(err.code, err.text, locale, err.details));
      if (err.validation) {
        const details = validationDetails(err.validation as SchemaError[], err.validationContext ?? 'body');
        return reply.code(400).send(errorBody('BAD_REQUEST', malformed, locale, details));
      }
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const refusal = clientRefusal(err);
        return reply.code(refusal.status).send(errorBody(refusal.code, refusal.message, locale));
      }
      if (isStorageFull(err)) {
        req.log.error({ err }, 'request failed: the database has no room to write');
        const full = {
          nl: 'De server kan niets meer opslaan: de schijf is vol. Er is niets bewaard; probeer het later opnieuw of waarschuw de beheerder',
          en: 'The server cannot store anything more: its disk is full. Nothing was saved; try again later or tell the administrator',
        };
        return reply.code(507).send(errorBody('STORAGE_FULL', full, locale));
      }
      req.log.error({ err }, 'request failed');
      const internal = { nl: 'Er ging iets mis op de server', en: 'Something went wrong on the server' };
      return reply.code(500).send(errorBody('INTERNAL', internal, locale));
    });

    app.setNotFoundHandler((req, reply) => {
      const route = `${req.method} ${req.url.split('?')[0]}`;
      const unknown = { nl: `Onbekende route ${route}`, en: `No route ${route}` };
      reply.code(404).send(errorBody('NOT_FOUND', unknown, req.locale));
    });
  },
  { name: 'errors' },
);

/**
 * Fastify's refusals before a route is found (a malformed URL, a path part over the length the
 * router reads), which never reach the error handler: in the catalog's shape as well.
 */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const refusal = clientRefusal(err);
  return reply
    .code(refusal.status)
    .send(errorBody(refusal.code, refusal.message, pickLocale(req.headers['accept-language'])));
}

/**
 * A request that Node's HTTP parser cannot read (a malformed header, headers too large, too
 * slow): answered on the socket as Fastify's default does, in the catalog's shape, in Dutch
 * (there is no request to read a language from).
 */
export function clientError(err: Error & { code?: string }, socket: Duplex) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, ErrorCode, Message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST_TIMEOUT', { nl: 'Het verzoek kwam te langzaam binnen', en: 'The request came in too slowly' }]
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'HEADERS_TOO_LARGE',
            { nl: 'De headers van het verzoek zijn te groot', en: 'The request headers are too large' },
          ]
        : [400, 'BAD_REQUEST', malformed];
  const body = JSON.stringify(errorBody(code, message, 'nl'));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

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
