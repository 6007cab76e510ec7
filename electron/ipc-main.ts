/**
 * The main-process side of the IPC transport: the only file that touches ipcMain. Each
 * handler checks that the sender is our own page, validates the request with the
 * contract's schema (dispatchCall), calls the service and returns a Result. One service
 * session per window; its sample batches go back on the contract's event channel.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { callChannel, eventChannel, fail, hmiMethods } from '../core/contract/index.js';
import type { Logger } from '../core/runtime/logger.js';
import { dispatchCall } from '../core/service/dispatch.js';
import type { HmiService, HmiSession } from '../core/service/hmi-service.js';
import { isAppUrl } from './security.js';

export function registerIpcTransport(service: HmiService, log: Logger): void {
  const sessions = new Map<number, HmiSession>();

  const sessionFor = (contents: WebContents): HmiSession => {
    let session = sessions.get(contents.id);
    if (!session) {
      session = service.openSession((batch) => {
        if (!contents.isDestroyed()) contents.send(eventChannel('samples'), batch);
      });
      sessions.set(contents.id, session);
      contents.once('destroyed', () => {
        sessions.get(contents.id)?.close();
        sessions.delete(contents.id);
      });
    }
    return session;
  };

  for (const method of hmiMethods) {
    ipcMain.handle(callChannel(method), async (event: IpcMainInvokeEvent, params: unknown) => {
      const url = event.senderFrame?.url;
      if (!isAppUrl(url)) {
        log.warn({ method, url }, 'IPC call from a page that is not the app was refused');
        return fail('unauthorized', `IPC from ${url || 'an unknown frame'} is not accepted`);
      }
      return dispatchCall(sessionFor(event.sender), method, params, log);
    });
  }
}
