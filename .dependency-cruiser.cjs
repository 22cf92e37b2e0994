/**
 * The layers point one way: engine ← contract ← server and the app. `npm run lint` fails the
 * build when a file imports upward or a cycle appears (test/integration/layers.test.ts shows it).
 */
const prod = '^(engine|server|designer/src|workflows)/';
const tests = '(\\.test\\.tsx?$|^test/)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'Production code has no import cycles.',
      severity: 'error',
      from: { path: prod, pathNot: tests },
      to: { circular: true },
    },
    {
      name: 'engine-is-pure',
      comment:
        'The engine runs in the browser and on the server: it imports nothing of ours above it, no node builtins, no frameworks.',
      severity: 'error',
      from: { path: '^engine/', pathNot: tests },
      to: {
        path: '^(server|designer|workflows|test)/|^node:|(^|/)node_modules/(fastify|@fastify|@mikro-orm|react|react-dom|@xyflow|pg|sqlite3)/',
      },
    },
    {
      name: 'engine-no-builtins',
      severity: 'error',
      from: { path: '^engine/', pathNot: tests },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contract-stands-alone',
      comment: 'The HTTP contract is shared with the app: it imports only the engine and TypeBox.',
      severity: 'error',
      from: { path: '^server/contract/' },
      to: { pathNot: '^(server/contract/|engine/)|(^|/)node_modules/@sinclair/typebox/' },
    },
    {
      name: 'app-sees-only-the-contract',
      comment: 'The app talks to the server over HTTP; of the server it imports only the contract.',
      severity: 'error',
      from: { path: '^designer/' },
      to: { path: '^server/', pathNot: '^server/contract/' },
    },
    {
      name: 'app-not-below',
      comment: 'Nothing but the app itself imports the app.',
      severity: 'error',
      from: { pathNot: '^(designer/|test/)' },
      to: { path: '^designer/' },
    },
    {
      name: 'process-designer-model-without-react',
      comment: "The process designer's model is plain TypeScript, usable and testable without React.",
      severity: 'error',
      from: { path: '^designer/src/process-designer/model/' },
      to: { path: '(^|/)node_modules/(react|react-dom|@xyflow|@xstate/react|@tanstack)/|\\.tsx$' },
    },
    {
      name: 'workflows-are-data',
      comment: 'The shipped workflows depend on the engine only.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: tests },
      to: { path: '^(server|designer|test)/' },
    },
    {
      name: 'server-not-tests',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^test/' },
    },
    {
      name: 'commands-below-routes-and-presenters',
      comment: 'Commands return records; presenters present them; routes call both. Never the other way.',
      severity: 'error',
      from: { path: '^server/commands/' },
      to: { path: '^server/(presenters|routes|plugins)/' },
    },
    {
      name: 'presenters-below-routes',
      comment:
        'A presenter may name the record a command returns (a type-only import, gone after compiling): the shape lives beside the query that makes it, and since commands never import presenters no cycle can form. It never calls a command.',
      severity: 'error',
      from: { path: '^server/presenters/' },
      to: { path: '^server/(routes|plugins)/' },
    },
    {
      name: 'presenters-call-no-commands',
      comment: 'Presenters shape what commands returned; they never run a command themselves.',
      severity: 'error',
      from: { path: '^server/presenters/' },
      to: { path: '^server/commands/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'db-below-commands',
      comment: 'The database layer knows nothing of commands, presenters, routes or plugins.',
      severity: 'error',
      from: { path: '^server/db/' },
      to: { path: '^server/(commands|presenters|routes|plugins)/' },
    },
    {
      name: 'auth-below-db-write-path',
      comment: 'Who is calling is known without the write paths of the case stores.',
      severity: 'error',
      from: { path: '^server/auth/' },
      to: { path: '^server/(db/(sqlite|postgres|orm)-store|db/group-commit|commands|presenters|routes|plugins)' },
    },
    {
      name: 'routes-not-entities',
      comment: 'Routes are thin: they call commands and presenters, never the ORM or its entities.',
      severity: 'error',
      from: { path: '^server/routes/' },
      to: { path: '^server/db/|(^|/)node_modules/@mikro-orm/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
  },
};
