/**
 * The driver registry: every driver the app knows, in one explicit list. A new protocol is
 * a new folder exporting its factory, plus one line here.
 */
import type { DriverFactory } from './driver.js';
import { modbusDriver } from './modbus/index.js';
import { opcuaDriver } from './opcua/index.js';
import { simulatorDriver } from './simulator/index.js';

export const driverFactories: readonly DriverFactory<any>[] = [simulatorDriver, modbusDriver, opcuaDriver];
