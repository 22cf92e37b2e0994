// The HTTP contract's types, one source for the server's validation, OpenAPI and the app.
export * from './common';
export * from './errors';
export * from './auth';
export * from './workflows';
export * from './cases';
export * from './worklist';
export * from './metrics';
export * from './presence';
export * from './signals';
export * from './planning';
export * from './sharing';
export * from './sites';
export * from './privacy';
export * from './student';
export * from './activities';
