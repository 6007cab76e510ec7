/**
 * The outbound conduit (Sparkplug B uplink) on the Connections screen, readable from a few
 * metres: its state in words, the store-and-forward queue against its bound (a bar, red past
 * 80 %), then the broker, group and edge node, why it is not online, the next try, dropped
 * records, the last publish, what was sent and what the config makes per hour. From the
 * system status the app already polls; the ages tick locally on the runtime's clock.
 */
import { useEffect, useState } from 'react';
import { useAppState, useServices } from '../app-context.js';
import { queueAlarmFraction, uplinkSummary } from '../session/uplink-summary.js';
import type { UplinkFact, UplinkSummary } from '../session/uplink-summary.js';
import type { AppStore } from '../stores/app-store.js';

/** The runtime's clock now: its last status plus the local time since. */
function runtimeNow(store: AppStore): number {
  const { status, statusReceivedAt } = store.getState();
  return status === null ? Date.now() : status.clockNow + (performance.now() - statusReceivedAt);
}

/** The runtime's clock, once a second and with every status. */
function useRuntimeNow(): number {
  const { store } = useServices();
  const [now, setNow] = useState(() => runtimeNow(store));
  useEffect(() => {
    const timer = setInterval(() => setNow(runtimeNow(store)), 1_000);
    const off = store.subscribe((s, prev) => {
      if (s.status !== prev.status) setNow(runtimeNow(store));
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [store]);
  return now;
}

/** Left: the queue and what it means for the data; right: where it goes and what went. */
const queueKeys: UplinkFact['key'][] = ['queue', 'dropped', 'backlog', 'published'];
const linkKeys: UplinkFact['key'][] = ['broker', 'node', 'messages', 'bytes', 'expected'];

function Fact({ fact, summary }: { fact: UplinkFact; summary: UplinkSummary }) {
  const pct = Math.round(summary.queueFraction * 1000) / 10;
  return (
    <div className="uplink-fact" data-key={fact.key} data-warn={fact.warn ? 'true' : 'false'}>
      <dt>{fact.label}</dt>
      <dd>
        <span data-testid={`uplink-${fact.key}`}>{fact.value}</span>
        {fact.key === 'queue' ? (
          <span className="uplink-bar" role="meter" aria-label="Queue against its bound" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="uplink-queue-bar">
            <span className="uplink-bar-fill" style={{ width: `${pct}%` }} />
            <span className="uplink-bar-mark" style={{ left: `${queueAlarmFraction * 100}%` }} title="80 %: past it, the oldest records are about to be dropped" />
          </span>
        ) : null}
      </dd>
    </div>
  );
}

function FactGroup({ keys, summary }: { keys: UplinkFact['key'][]; summary: UplinkSummary }) {
  const facts = keys.flatMap((key) => summary.facts.filter((fact) => fact.key === key));
  return (
    <dl className="uplink-facts">
      {facts.map((fact) => (
        <Fact key={fact.key} fact={fact} summary={summary} />
      ))}
    </dl>
  );
}

export function UplinkPanel() {
  const uplink = useAppState((s) => s.status?.uplink);
  const hasStatus = useAppState((s) => s.status !== null);
  const now = useRuntimeNow();
  const summary = uplink === undefined ? null : uplinkSummary(uplink, now);
  // Why it is not online and when it tries again: under the state, as part of it.
  const why = summary === null ? [] : summary.facts.filter((fact) => fact.key === 'why' || fact.key === 'retry');
  return (
    <section
      className="conn-panel uplink"
      aria-label="Conduit (Sparkplug B uplink)"
      data-testid="uplink-panel"
      data-state={summary?.state ?? 'none'}
      data-level={summary?.level ?? 'none'}
    >
      <div className="uplink-head">
        <h2 className="conn-title">
          Conduit <span className="uplink-kind">(Sparkplug B uplink)</span>
        </h2>
        {summary ? (
          <p className="uplink-state" data-testid="uplink-state" data-level={summary.level}>
            {summary.stateText}
          </p>
        ) : null}
      </div>
      {why.length > 0 ? (
        <p className="uplink-why" data-testid="uplink-why">
          {why.map((fact) => (
            <span key={fact.key}>
              {fact.key === 'retry' ? `Next try ${fact.value}` : fact.value}
            </span>
          ))}
        </p>
      ) : null}
      {summary ? (
        <div className="uplink-body">
          <FactGroup keys={queueKeys} summary={summary} />
          <FactGroup keys={linkKeys} summary={summary} />
        </div>
      ) : (
        <p className="uplink-none" data-testid="uplink-none">
          {hasStatus ? (
            <>
              No uplink configured: add an <code>uplink:</code> section to the plant config
            </>
          ) : (
            'No system status yet'
          )}
        </p>
      )}
    </section>
  );
}
