import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  exportPackage,
  exportScxml,
  importPackage,
  importScxml,
  mergePackage,
  previewImport,
} from '../commands/sharing';
import { callerOf } from '../plugins/auth';
import { presentImport } from '../presenters/sharing';
import { presentChange, presentDraft, presentMergeItem } from '../presenters/workflows';
import {
  ChangeView,
  DraftView,
  ExportQuery,
  ImportQuery,
  ImportResponse,
  KeyParams,
  MergeBody,
  MergeResponse,
  definitionBodyLimit,
  errorResponses,
} from '../contract';

const sharing: FastifyPluginAsyncTypebox<{ now: () => Date }> = async (app, { now }) => {
  app.addHook('onRequest', app.authenticate);
  const manager = app.requireRole('manager');

  app.get(
    '/workflows/:key/export',
    {
      schema: {
        tags: ['sharing'],
        summary: 'A published version as a package file (latest unless ?version=)',
        description: 'The format is described in docs/sharing.md and docs/package.schema.json.',
        params: KeyParams,
        querystring: ExportQuery,
        produces: ['application/json'],
        response: { 200: Type.Unknown({ description: 'A workflow package' }), ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const pkg = await exportPackage(req.em, callerOf(req).site, req.params.key, req.query.version, now());
      reply.header('content-type', 'application/json; charset=utf-8');
      reply.header(
        'content-disposition',
        `attachment; filename="${pkg.provenance.site}-${pkg.provenance.key}-v${pkg.provenance.version}.wlb.json"`,
      );
      return reply.send(`${JSON.stringify(pkg, null, 2)}\n`);
    },
  );

  // The package is read as text, so that the engine, not the JSON parser, judges size, depth,
  // syntax and names, and every refusal is a 422 with paths.
  await app.register(async (plain) => {
    const raw = plain.withTypeProvider<TypeBoxTypeProvider>();
    raw.removeContentTypeParser(['application/json', 'text/plain']);
    raw.addContentTypeParser(
      [
        'application/json',
        'text/plain',
        'application/octet-stream',
        'application/xml',
        'text/xml',
        'application/scxml+xml',
      ],
      { parseAs: 'string', bodyLimit: definitionBodyLimit },
      (_req, body, done) => done(null, body),
    );

    raw.post(
      '/workflows/import',
      {
        onRequest: manager,
        bodyLimit: definitionBodyLimit,
        schema: {
          tags: ['sharing'],
          summary: 'Import a package as the draft of its workflow (manager); ?dryRun=true only checks and compares',
          description:
            'The body is the package file itself (application/json). 422 INVALID_PACKAGE with details [{ path, message }] when anything is wrong (size over 1 MB, nesting, JSON, names, format, checksum, definition); nothing is stored then. 409 when the workflow already has a draft. Published versions are never changed.',
          querystring: ImportQuery,
          response: { 200: ImportResponse, 201: ImportResponse, ...errorResponses(401, 403, 409, 413, 415, 422) },
        },
      },
      async (req, reply) => {
        const text = typeof req.body === 'string' ? req.body : '';
        if (req.query.dryRun) return presentImport(await previewImport(req.em, callerOf(req), text), req.locale);
        const { preview, draft } = await importPackage(req.em, callerOf(req), text, now());
        return reply.code(201).send(presentImport(preview, req.locale, draft));
      },
    );

    raw.post(
      '/workflows/:key/scxml',
      {
        onRequest: manager,
        bodyLimit: definitionBodyLimit,
        schema: {
          tags: ['sharing'],
          summary: "Replace the machine of the workflow's draft with an SCXML document (manager)",
          description:
            'The body is the SCXML file (application/xml or application/scxml+xml). The supported subset and what is refused: docs/sharing.md. 422 INVALID_SCXML with details; nothing is stored then.',
          params: KeyParams,
          response: {
            200: Type.Object({ draft: DraftView, changes: Type.Array(ChangeView) }),
            ...errorResponses(401, 403, 404, 409, 413, 415, 422),
          },
        },
      },
      async (req) => {
        const { draft, changes } = await importScxml(
          req.em,
          callerOf(req),
          req.params.key,
          typeof req.body === 'string' ? req.body : '',
          now(),
        );
        return { draft: presentDraft(draft, req.locale), changes: changes.map((c) => presentChange(c, req.locale)) };
      },
    );
  });

  app.get(
    '/workflows/:key/scxml',
    {
      schema: {
        tags: ['sharing'],
        summary: "A published version's machine as W3C SCXML (latest unless ?version=), for other statechart tools",
        params: KeyParams,
        querystring: ExportQuery,
        produces: ['application/scxml+xml'],
        response: { 200: Type.String(), ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const xml = await exportScxml(req.em, callerOf(req).site, req.params.key, req.query.version);
      reply.header('content-type', 'application/scxml+xml; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${req.params.key}.scxml"`);
      return reply.send(xml);
    },
  );

  app.post(
    '/workflows/:key/merge',
    {
      onRequest: manager,
      bodyLimit: definitionBodyLimit,
      schema: {
        tags: ['sharing'],
        summary: 'Merge a newer package of the upstream into this variant, per change as chosen (manager)',
        description:
          'The result becomes the draft (with its problems) and follows the new upstream. 422 NO_UPSTREAM when the workflow follows no package.',
        params: KeyParams,
        body: MergeBody,
        response: { 200: MergeResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const { draft, items } = await mergePackage(req.em, callerOf(req), req.params.key, req.body, now());
      return { draft: presentDraft(draft, req.locale), items: items.map((i) => presentMergeItem(i, req.locale)) };
    },
  );
};
export default sharing;
