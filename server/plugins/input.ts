import fp from 'fastify-plugin';
import { unsafeValues } from '../../engine';
import { fromProblems } from '../errors';

/**
 * What no request may carry, refused for every route in one place with a 400 that names where:
 * a NUL character in any text or name of the path, the query string or a JSON body (PostgreSQL
 * refuses it and SQLite cut the query there: a 500, with the query in the log), and a number that
 * is not finite. It runs after the schema, because ajv turns the texts `Infinity` and `1e309`
 * into Infinity while coercing and no later keyword looks again (ajv-validator/ajv#2212), and
 * because parts the schema leaves open (a case's data, a definition) need it as much.
 *
 * Headers are left alone: none reaches a query (the session token is hashed first). A text
 * body (a package, an SCXML file) is judged by the engine, which refuses the same with a 422.
 */
export default fp(
  async (app) => {
    app.addHook('preHandler', async (req) => {
      const problems = [
        ...unsafeValues(req.params, 'params'),
        ...unsafeValues(req.query, 'querystring'),
        ...(typeof req.body === 'object' ? unsafeValues(req.body, 'body') : []),
      ];
      if (problems.length)
        throw fromProblems('BAD_REQUEST', { nl: 'Het verzoek klopt niet', en: 'The request is malformed' }, problems);
    });
  },
  { name: 'input' },
);
