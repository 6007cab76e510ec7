/**
 * The built-in simulated bottling line, as a driver: filler → capper → labeler → case
 * packer with accumulation between them, a conveyor drive motor with a bearing that can be
 * made to fail, deterministic from a seed. Only the factory and its settings type leave
 * this folder.
 */
export { simulatorDriver } from './driver.js';
export type { SimulatorSettings } from './settings.js';
