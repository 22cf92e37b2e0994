import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  exportBpmn,
  exportPackage,
  exportScxml,
  importBpmn,
  importPackage,
  importScxml,
  mergePackage,
  previewBpmn,
  previewImport,
} from '../commands/sharing';
import { callerOf } from '../plugins/auth';
import { presentBpmnImport, presentImport } from '../presenters/sharing';
import { presentChange, presentDraft, presentMergeItem, presentProblems } from '../presenters/workflows';
import {
  BpmnImportQuery,
  BpmnImportResponse,
  DryRunQuery,
  ExportQuery,
  ImportQuery,
  ImportResponse,
  KeyParams,
  MergeBody,
  MergeResponse,
  ScxmlImportResponse,
  definitionBodyLimit,
  errorResponses,
} from '../contract';

/** A body read as text; anything else (no body) is the empty text, which the engine refuses. */
const text = (body: unknown) => (typeof body === 'string' ? body : '');

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
        'application/bpmn+xml',
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
        if (req.query.dryRun)
          return presentImport(await previewImport(req.em, callerOf(req), text(req.body)), req.locale);
        const { preview, draft, problems } = await importPackage(req.em, callerOf(req), text(req.body), now());
        return reply
          .code(201)
          .send(presentImport(preview, req.locale, { draft, problems, byName: callerOf(req).displayName }));
      },
    );

    raw.post(
      '/workflows/:key/scxml',
      {
        onRequest: manager,
        bodyLimit: definitionBodyLimit,
        schema: {
          tags: ['sharing'],
          summary:
            "Replace the machine of the workflow's draft with an SCXML document (manager); ?dryRun=true only checks and compares",
          description:
            'The body is the SCXML file (application/xml or application/scxml+xml), from our export or another statechart tool. What is read and what is refused: docs/sharing.md. 422 INVALID_SCXML with details; nothing is stored then. `warnings` say where the engine runs the document differently from SCXML.',
          params: KeyParams,
          querystring: DryRunQuery,
          response: { 200: ScxmlImportResponse, ...errorResponses(401, 403, 404, 409, 413, 415, 422) },
        },
      },
      async (req) => {
        const r = await importScxml(req.em, callerOf(req), req.params.key, text(req.body), now(), req.query.dryRun);
        return {
          ...('draft' in r ? { draft: presentDraft(r.draft, r.problems, req.locale, callerOf(req).displayName) } : {}),
          changes: r.changes.map((c) => presentChange(c, req.locale)),
          warnings: presentProblems(r.warnings, req.locale),
          problems: presentProblems(
            r.problems.filter((p) => p.severity === 'error'),
            req.locale,
          ),
        };
      },
    );

    raw.post(
      '/workflows/import/bpmn',
      {
        preHandler: manager,
        bodyLimit: definitionBodyLimit,
        schema: {
          tags: ['sharing'],
          summary:
            'Import a BPMN 2.0 process (Camunda Modeler, bpmn.io, our export) as the draft of a workflow (manager); ?dryRun=true only checks and compares',
          description:
            "The body is the BPMN file (application/xml or application/bpmn+xml). Our own export comes back exactly; another tool's process lands on the workflow of ?key= (else a key made from the process's name), which gives what BPMN cannot say. 422 INVALID_BPMN with details (each refused element by its id and name); 409 when the workflow already has a draft. Published versions are never changed.",
          querystring: BpmnImportQuery,
          response: {
            200: BpmnImportResponse,
            201: BpmnImportResponse,
            ...errorResponses(401, 403, 409, 413, 415, 422),
          },
        },
      },
      async (req, reply) => {
        const options = { key: req.query.key, subject: req.query.subject };
        if (req.query.dryRun)
          return presentBpmnImport(await previewBpmn(req.em, callerOf(req), text(req.body), options), req.locale);
        const { preview, draft, problems } = await importBpmn(req.em, callerOf(req), text(req.body), options, now());
        return reply
          .code(201)
          .send(presentBpmnImport(preview, req.locale, { draft, problems, byName: callerOf(req).displayName }));
      },
    );
  });

  app.get(
    '/workflows/:key/bpmn',
    {
      schema: {
        tags: ['sharing'],
        summary:
          'A published version as BPMN 2.0 with its diagram (latest unless ?version=), for Camunda Modeler and bpmn.io',
        params: KeyParams,
        querystring: ExportQuery,
        produces: ['application/bpmn+xml'],
        response: { 200: Type.String(), ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const xml = await exportBpmn(req.em, req.caller!.site, req.params.key, req.query.version);
      reply.header('content-type', 'application/bpmn+xml; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${req.params.key}.bpmn"`);
      return reply.send(xml);
    },
  );

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
      const { draft, items, problems } = await mergePackage(req.em, callerOf(req), req.params.key, req.body, now());
      return {
        draft: presentDraft(draft, problems, req.locale, callerOf(req).displayName),
        items: items.map((i) => presentMergeItem(i, req.locale)),
      };
    },
  );
};
export default sharing;
