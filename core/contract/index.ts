/** The API contract, importable from the core, the preload and the renderer alike. */
export * from './result.js';
export * from './model.js';
export * from './sample-batch.js';
export * from './api.js';
export * from './alarms.js';
export * from './oee.js';
export * from './pdm.js';
export * from './maintenance.js';
export * from './replay.js';
export * from './security.js';
export * from './engineering.js';
