// Fuzz test of the WebSocket transport (issue 11): 10,000 random and malformed payloads
// (testing/fuzz-payloads.ts: calls the contract refuses, unknown methods, raw frames that
// are not call messages) go over a real socket to the headless server on 127.0.0.1,
// pipelined 200 at a time. Every one must be answered with a result that is refused
// (ok: false) with the expected code and a clear message; afterwards nothing has changed
// (stateOf), the socket is still open and a valid call still works.
//
// "A clear message", as checked here (messageProblem): not empty, at most 10,000 characters
// (no echo of a huge payload), and it names the problem: the method for a refused call, the
// offending field as a location ("value: …") for a broken field, the extra key, "object" for
// params that are not an object, the quoted name of an unknown method, "JSON" for a frame that
// is not JSON, "binary" for a binary frame, the field of the call message that is wrong.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Result, WsServerMessage } from '../contract/index.js';
import { silentLogger } from '../runtime/logger.js';
import { startTestCore, type TestCore } from '../service/testing/test-core.js';
import { startHeadlessServer, type HeadlessServer } from './http-server.js';
import { fuzzer, messageProblem, stateOf, summary, type FuzzCase } from './testing/fuzz-payloads.js';

const SEED = 0x11_f022;
const PAYLOADS = 10_000;
const IN_FLIGHT = 200;
/** A batch whose replies have not all come by then is reported as missing replies. */
const BATCH_TIMEOUT_MS = 5_000;
/** The whole run; it takes about 5 s on a 2-core machine (generating the cases about 1.5 s of it). */
const DEADLINE_MS = 40_000;

let server: HeadlessServer | undefined;
let ws: WebSocket | undefined;
afterEach(async () => {
  ws?.terminate();
  await server?.close();
  server = undefined;
  ws = undefined;
});

async function start(): Promise<{ core: TestCore; socket: WebSocket }> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'lineside-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lineside</title>');
  const core = await startTestCore();
  server = await startHeadlessServer({ service: core.service, rendererDir, port: 0, log: silentLogger() });
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    setTimeout(() => reject(new Error('no connection within 3 s')), 3000).unref();
  });
  ws = socket;
  return { core, socket };
}

/** Collects the replies of the socket; `take(n)` waits (bounded) for n of them and hands them over. */
function collector(socket: WebSocket) {
  let replies: WsServerMessage[] = [];
  let binaryFrames = 0;
  socket.on('message', (data, isBinary) => {
    if (isBinary) binaryFrames++;
    else replies.push(JSON.parse(String(data)) as WsServerMessage);
  });
  return {
    async take(count: number, timeoutMs: number): Promise<WsServerMessage[]> {
      const until = Date.now() + timeoutMs;
      for (let i = 0; i < timeoutMs && replies.length < count && Date.now() < until; i++) await new Promise((r) => setTimeout(r, 1));
      const taken = replies;
      replies = [];
      return taken;
    },
    binaryFrames: () => binaryFrames,
  };
}

/** What is wrong with this reply to this case, or undefined when it is the refusal expected. */
function replyProblem(fuzz: FuzzCase, reply: WsServerMessage): string | undefined {
  if (reply.type !== 'result') return `a reply of type ${JSON.stringify(reply.type)}`;
  const result = reply.result as Result<unknown> | undefined;
  if (!result || result.ok !== false) return `ACCEPTED: ${JSON.stringify(result).slice(0, 120)}`;
  if (result.error.code !== fuzz.refusal.code) return `code ${result.error.code}, expected ${fuzz.refusal.code}: ${result.error.message.slice(0, 160)}`;
  const problem = messageProblem(result.error.message, fuzz.refusal);
  return problem && `${problem}: ${JSON.stringify(result.error.message.slice(0, 200))}`;
}

/**
 * Pairs replies with the cases sent. Replies carry the id of their call when it could be
 * read, so cases are grouped by the id their reply must carry; inside a group (replies with
 * id null, or a huge id two frames share) any reply may answer any case, so a maximum
 * matching of cases to acceptable replies decides (replies to broken frames need not come in
 * order). Returns one problem per case left without an acceptable reply, and per extra reply.
 */
function matchBatch(sent: { fuzz: FuzzCase; replyId: number | null }[], replies: WsServerMessage[]): string[] {
  const groups = new Map<string, { cases: FuzzCase[]; replies: WsServerMessage[] }>();
  const group = (id: unknown) => {
    const key = JSON.stringify(id ?? null);
    if (!groups.has(key)) groups.set(key, { cases: [], replies: [] });
    return groups.get(key)!;
  };
  for (const { fuzz, replyId } of sent) group(replyId).cases.push(fuzz);
  for (const reply of replies) group(reply.id).replies.push(reply);
  const problems: string[] = [];
  for (const [id, { cases, replies: answers }] of groups) {
    const fits = cases.map((fuzz) => answers.map((reply) => replyProblem(fuzz, reply) === undefined));
    const caseOfReply = new Array<number>(answers.length).fill(-1);
    const assign = (c: number, seen: boolean[]): boolean => {
      for (let r = 0; r < answers.length; r++) {
        if (!fits[c]![r] || seen[r]) continue;
        seen[r] = true;
        if (caseOfReply[r]! < 0 || assign(caseOfReply[r]!, seen)) {
          caseOfReply[r] = c;
          return true;
        }
      }
      return false;
    };
    cases.forEach((fuzz, c) => {
      if (assign(c, new Array<boolean>(answers.length).fill(false))) return;
      const other = answers.find((_, r) => caseOfReply[r] === -1) ?? answers[0];
      problems.push(`${fuzz.kind} ${fuzz.label} (reply id ${id}): ${other ? replyProblem(fuzz, other) : 'no reply'}`);
    });
    answers.forEach((reply, r) => {
      if (caseOfReply[r] === -1 && cases.length < answers.length) problems.push(`an extra reply with id ${id}: ${JSON.stringify(reply).slice(0, 200)}`);
    });
  }
  return problems;
}

/** Sends one valid call and waits for its reply (not pipelined). */
async function call(socket: WebSocket, replies: ReturnType<typeof collector>, id: number, method: string, params: unknown): Promise<Result<unknown> | undefined> {
  socket.send(JSON.stringify({ type: 'call', id, method, params }));
  const [reply] = await replies.take(1, BATCH_TIMEOUT_MS);
  expect(reply?.id).toBe(id);
  return reply?.result;
}

describe('WebSocket transport fuzz (issue 11)', () => {
  it(`refuses ${PAYLOADS.toLocaleString('en')} random and malformed payloads with clear errors and changes nothing`, async () => {
    const deadline = Date.now() + DEADLINE_MS;
    const { core, socket } = await start();
    const replies = collector(socket);
    core.push([core.sample('line1/oven/temp', 175.5), core.sample('line1/oven/setpoint', 150), core.sample('line1/fan/speed', 1200), core.sample('line1/oven/code', 'A1')]);
    // Signed in as someone who may write, where the core has accounts: then only validation stands between a payload and the device.
    const signedIn = (core as unknown as { signedIn?: (role: string) => Promise<unknown> }).signedIn;
    if (signedIn) {
      await signedIn.call(core, 'operator');
      expect(await call(socket, replies, 1, 'signIn', { name: 'operator-user', password: 'operator-password' })).toMatchObject({ ok: true });
    }
    const before = await stateOf(core);

    const cases = fuzzer(SEED).cases(PAYLOADS);
    expect(cases).toHaveLength(PAYLOADS);
    const problems: string[] = [];
    let nextId = 100;
    for (let start = 0; start < cases.length; start += IN_FLIGHT) {
      expect(Date.now(), 'the fuzz run took too long').toBeLessThan(deadline);
      const batch = cases.slice(start, start + IN_FLIGHT).map((fuzz) => {
        if (fuzz.kind === 'frame') {
          socket.send(fuzz.frame, { binary: typeof fuzz.frame !== 'string' });
          return { fuzz, replyId: fuzz.id };
        }
        const id = nextId++;
        socket.send(JSON.stringify({ type: 'call', id, method: fuzz.method, params: fuzz.params }));
        return { fuzz, replyId: id };
      });
      problems.push(...matchBatch(batch, await replies.take(batch.length, BATCH_TIMEOUT_MS)));
      expect(socket.readyState, `the socket closed during payloads ${start}–${start + batch.length}`).toBe(WebSocket.OPEN);
    }
    // A late or duplicate reply would show up here.
    problems.push(...(await replies.take(1, 50)).map((reply) => `a reply to nothing: ${JSON.stringify(reply).slice(0, 200)}`));
    // Soft, so that the state checks below run (and report) too.
    expect.soft(summary(problems), `${problems.length} of ${PAYLOADS} payloads not refused as expected`).toEqual([]);
    expect(replies.binaryFrames()).toBe(0);

    // Nothing changed, the socket is open and still answers valid calls.
    expect(await stateOf(core)).toEqual(before);
    expect(core.writes).toEqual([]);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    expect(await call(socket, replies, 2, 'getSystemStatus', {})).toMatchObject({ ok: true, value: { mode: 'live' } });
    expect(await call(socket, replies, 3, 'readCurrent', {})).toEqual(before['current']);
  });

  // Found by this fuzzer: describeIssues echoed the offending value with JSON.stringify, which
  // throws for a value nested ~5,000 deep; the handler's promise then rejected with no reply, and
  // `lineside serve` would have exited. A 20 kB frame was enough. Kept as a test of its own.
  it('refuses a value nested 10,000 deep (in params, and as the message id) and keeps serving', async () => {
    const { socket } = await start();
    const replies = collector(socket);
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    socket.send(`{"type":"call","id":1,"method":"writeTag","params":{"path":"line1/oven/setpoint","value":${deep}}}`);
    socket.send(`{"type":"call","id":${deep},"method":"getPlantModel"}`);
    const answers = await replies.take(2, BATCH_TIMEOUT_MS);
    expect(answers).toHaveLength(2);
    expect(answers.map((reply) => [reply.id, reply.result.ok === false && reply.result.error.code])).toEqual(
      expect.arrayContaining([
        [1, 'invalid-request'],
        [null, 'invalid-request'],
      ]),
    );
    expect(await call(socket, replies, 2, 'getPlantModel', {})).toMatchObject({ ok: true });
  });
});
