/**
 * The `uplink:` section of the plant config: the outbound Sparkplug B conduit (core/uplink),
 * where to, as whom, and what goes up how often. Loaded into UplinkSettings by load.ts.
 */
import { z } from 'zod';
import { expect, mapping, nonEmptyText, positiveNumber, wholeNumber } from './schema-parts.js';
/** Sparkplug group, edge node and host ids: they are topic levels, so no "/", "+", "#" (nor NUL, nor spaces at either end). */
export function isSparkplugId(text: string): boolean {
  return text !== '' && text.trim() === text && !/[/+#]/.test(text) && !text.includes(String.fromCharCode(0));
}
function sparkplugId(what: string) {
  const expected = `${what}: a non-empty Sparkplug id without "/", "+", "#" or spaces at either end`;
  return z.string(expect(expected)).refine(isSparkplugId, expect(expected));
}
const brokerText = 'the broker URL, mqtt://host:port or mqtts://host:port (TLS), e.g. mqtts://broker.plant.local:8883';
/** "mqtt://host[:port]" or "mqtts://…": no credentials, path or query (those have keys of their own). */
function isBrokerUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'mqtt:' || url.protocol === 'mqtts:') && url.hostname !== '' && url.username === '' && url.password === '' && (url.pathname === '' || url.pathname === '/') && url.search === '' && url.hash === '';
}
const pemFile = (what: string) => nonEmptyText(`the path of ${what} (PEM), relative to the config file or absolute`);
/** Minute intervals that divide an hour, so that summaries line up with the hour. */
export const summaryMinuteIntervals: readonly number[] = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];
const minutesEvery = (what: string, max: number) => {
  const text = `a whole number of minutes from 1 to ${max}: how often ${what} goes up`;
  return wholeNumber(text).min(1, expect(text)).max(max, expect(text));
};
const aggregateMinutesText = `a whole number of minutes that divides an hour (${summaryMinuteIntervals.join(', ')}): the length of each tag aggregate`;
export const uplinkSchema = mapping('the uplink settings', {
  broker: z.string(expect(brokerText)).refine(isBrokerUrl, expect(brokerText)),
  groupId: sparkplugId('the Sparkplug group id'),
  edgeNodeId: sparkplugId('the Sparkplug edge node id of this PC'),
  /** The primary host application: births wait until it says it is online. */
  primaryHostId: sparkplugId('the Sparkplug host id of the primary host application').optional(),
  username: nonEmptyText('the MQTT user name, a non-empty string').optional(),
  password: nonEmptyText('the MQTT password, a non-empty string').optional(),
  tls: mapping('the TLS files', {
    ca: pemFile("the CA certificate that signed the broker's certificate").optional(),
    cert: pemFile("this client's certificate").optional(),
    key: pemFile("this client's private key").optional(),
  }).optional(),
  qos: z.union([z.literal(0), z.literal(1)], expect('0 (at most once) or 1 (at least once)')).default(1),
  inFlight: wholeNumber('a whole number from 1 to 65535: messages published and not yet acknowledged').min(1, expect('a whole number from 1 to 65535: messages published and not yet acknowledged')).max(65535, expect('a whole number from 1 to 65535: messages published and not yet acknowledged')).default(20),
  backlogPerSecond: wholeNumber('a positive whole number of messages a second for the backlog').positive(expect('a positive whole number of messages a second for the backlog')).default(200),
  /** The store-and-forward bound; 1 MB = 1,000,000 bytes. */
  queueMaxMegabytes: positiveNumber('the most megabytes the store-and-forward queue holds, e.g. 256').max(1_000_000, expect('at most 1000000 megabytes (1 TB)')).default(256),
  summaries: mapping('the uplink summaries', {
    tagAggregatesMinutes: wholeNumber(aggregateMinutesText).refine((n) => summaryMinuteIntervals.includes(n), expect(aggregateMinutesText)).default(1),
    /** Shorter than a minute, for a line that wants its aggregates closer together: 5, 10, 15, 20 or 30 s (overrides the minutes). */
    tagAggregatesSeconds: wholeNumber('5, 10, 15, 20 or 30 seconds').refine((n) => [5, 10, 15, 20, 30].includes(n), expect('5, 10, 15, 20 or 30 seconds')).optional(),
    /** Tag paths, or line or asset paths for all their numeric tags; absent: every numeric tag. */
    tags: z.array(nonEmptyText('a tag path line/asset/tag, or a line or asset path for all its numeric tags'), expect('a list of tag, asset or line paths, e.g. [line1/filler, line1/motor/winding_temp]')).optional(),
    oee: z.boolean(expect('true or false: OEE per asset per hour and per shift')).default(true),
    alarms: z.boolean(expect('true or false: every alarm transition')).default(true),
    healthMinutes: minutesEvery('asset health', 1440).default(15),
    systemMinutes: minutesEvery('driver and system health', 1440).default(1),
  }).default({ tagAggregatesMinutes: 1, oee: true, alarms: true, healthMinutes: 15, systemMinutes: 1 }),
}).superRefine((uplink, ctx) => {
  const issue = (path: PropertyKey[], input: unknown, message: string) => ctx.addIssue({ code: 'custom', path, input, message });
  if (uplink.password !== undefined && uplink.username === undefined) issue(['username'], undefined, 'a username beside the password (MQTT sends a password only with a user name)');
  const tls = uplink.tls;
  if (tls) {
    if (!uplink.broker.startsWith('mqtts:')) issue(['broker'], uplink.broker, `an mqtts:// broker: tls files are given (${brokerText})`);
    if (tls.cert !== undefined && tls.key === undefined) issue(['tls', 'key'], undefined, "the client's private key beside its certificate (tls.cert and tls.key go together)");
    if (tls.key !== undefined && tls.cert === undefined) issue(['tls', 'cert'], undefined, "the client's certificate beside its private key (tls.cert and tls.key go together)");
  }
});


export type UplinkConfig = z.output<typeof uplinkSchema>;
