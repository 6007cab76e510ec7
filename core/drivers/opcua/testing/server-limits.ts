/**
 * Raises node-opcua's default subscription limits of a server (10 subscriptions per
 * session, 100 per server) for the servers created after the call in this process. The
 * OPC UA benchmark's baseline needs one subscription per monitored item, thousands on one
 * session; startOpcuaTestServer has no option for these limits, and node-opcua reads its
 * defaults when a server is created. Only for a test server's own process: it changes a
 * module-wide default of node-opcua.
 */
import { defaultServerCapabilities } from 'node-opcua';

export function raiseServerSubscriptionLimits(limits: { perSession: number; total: number }): void {
  defaultServerCapabilities.maxSubscriptionsPerSession = Math.max(defaultServerCapabilities.maxSubscriptionsPerSession, limits.perSession);
  defaultServerCapabilities.maxSubscriptions = Math.max(defaultServerCapabilities.maxSubscriptions, limits.total);
}
