// Proves that the lint run enforces DESIGN.md's import boundaries: each forbidden import,
// placed in a file of the layer it is forbidden in, is an error; the allowed ones are not.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['core/runtime/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['core/service/x.ts', "import { useState } from 'react';\nexport const a = useState;"],
    ['core/drivers/x.ts', "import { App } from '../../renderer/app.js';\nexport const a = App;"],
    ['core/contract/x.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;"],
    ['core/contract/x.ts', "import type { Tag } from '../model/plant.js';\nexport type A = Tag;"],
    ['renderer/x.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;"],
    ['renderer/x.ts', "import { join } from 'path';\nexport const a = join;"],
    ['renderer/screens/x.tsx', "import { createRuntime } from '../../core/runtime/runtime.js';\nexport const a = createRuntime;"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
    ['renderer/x.ts', "import { WebSocketServer } from 'ws';\nexport const a = WebSocketServer;"],
    ['electron/main.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;"],
    ['core/service/x.ts', "import ModbusRTU from 'modbus-serial';\nexport const a = ModbusRTU;"],
    ['core/drivers/simulator/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;"],
    ['core/service/x.ts', "import { OPCUAClient } from 'node-opcua';\nexport const a = OPCUAClient;"],
    ['core/drivers/modbus/x.ts', "import { OPCUAClient } from 'node-opcua-client';\nexport const a = OPCUAClient;"],
    ['core/drivers/opcua/x.ts', "import ModbusRTU from 'modbus-serial';\nexport const a = ModbusRTU;"],
    ['core/drivers/opcua/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['core/runtime/x.ts', "import FFT from 'fft.js';\nexport const a = FFT;"],
    ['core/analytics/pdm/x.ts', "import ModbusRTU from 'modbus-serial';\nexport const a = ModbusRTU;"],
  ])('%s: %s is an error', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/screens/x.tsx', "import { ok } from '../../core/contract/index.js';\nexport const a = ok;"],
    ['core/contract/x.ts', "import { z } from 'zod';\nimport { ok } from './result.js';\nexport const a = [z, ok];"],
    ['core/runtime/x.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;"],
    ['electron/preload.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
    ['core/drivers/modbus/x.ts', "import ModbusRTU from 'modbus-serial';\nexport const a = ModbusRTU;"],
    ['core/historian/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;"],
    ['core/drivers/opcua/x.ts', "import { OPCUAClient } from 'node-opcua';\nexport const a = OPCUAClient;"],
    ['core/analytics/pdm/x.ts', "import FFT from 'fft.js';\nexport const a = FFT;"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toEqual([]);
  });
});
