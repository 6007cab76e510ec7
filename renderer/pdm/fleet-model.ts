/**
 * The maintenance screens' words and figures: an asset's condition in words with the level
 * the screen marks it with (colour only for watch and alert, and then always with the word),
 * the ISO 10816-3 zone letter with its meaning, health and velocity as text, "how long ago",
 * the fleet rows as the fleet list shows them, and the work requests in the order they are
 * worked (open first, the high priority first, the newest first). Times in the station's
 * local zone unless a zone is given (tests). No React.
 */
import { featureInfo, formatFeature } from '../../core/contract/index.js';
import type { AssetCondition, DefectKind, FamilyName, FleetEntry, IsoZone, WorkRequest } from '../../core/contract/index.js';
import { formatZoneDateTime } from '../oee/oee-model.js';

export const noValue = '—';

/** How the screen marks a condition: grey for normal, amber for attention, red for abnormal, outlined for not judged yet. */
export type Level = 'normal' | 'attention' | 'abnormal' | 'pending';

export const conditionWords: Record<AssetCondition, string> = {
  good: 'Good',
  watch: 'Watch',
  alert: 'Alert',
  learning: 'Learning baseline',
  'no-data': 'No data yet',
};

export const conditionLevels: Record<AssetCondition, Level> = {
  good: 'normal',
  watch: 'attention',
  alert: 'abnormal',
  learning: 'pending',
  'no-data': 'pending',
};

/** What each zone means (ISO 10816-3, shortened for a row). */
export const zoneMeanings: Record<IsoZone, string> = {
  A: 'As new',
  B: 'Acceptable for long-term operation',
  C: 'Unsatisfactory: plan a repair',
  D: 'Damage likely',
};

export const zoneLevels: Record<IsoZone, Level> = { A: 'normal', B: 'normal', C: 'attention', D: 'abnormal' };

/** The family of defect frequencies each bearing defect shows at. */
export const defectFamilies: Record<DefectKind, FamilyName> = { 'outer-race': 'BPFO', 'inner-race': 'BPFI', ball: 'BSF', cage: 'FTF' };

/** The station's own time zone (DESIGN.md: local time only in the renderer's formatting). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "45" (0–100, whole points), or "—". */
export function formatHealth(health: number | null | undefined): string {
  return health === null || health === undefined || !Number.isFinite(health) ? noValue : Math.round(health).toFixed(0);
}

/** "3.40 mm/s", or "—". */
export function formatVelocity(velocity: number | null | undefined): string {
  return velocity === null || velocity === undefined || !Number.isFinite(velocity) ? noValue : formatFeature('velocityRmsMmS', velocity);
}

/** "just now", "12 min ago", "3 h ago", "2 days ago"; a time in the future reads "just now". */
export function formatAgo(at: number, now: number): string {
  const s = Math.max(0, (now - at) / 1000);
  if (s < 60) return 'just now';
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** "Sun 22 Nov, 06:00 (12 min ago)", or "No snapshot yet". */
export function formatWhen(at: number | null, now: number, timeZone: string): string {
  return at === null ? 'No snapshot yet' : `${formatZoneDateTime(at, timeZone)} (${formatAgo(at, now)})`;
}

export interface FleetRow {
  asset: string;
  name: string;
  lineName: string;
  condition: AssetCondition;
  conditionText: string;
  level: Level;
  healthText: string;
  zone: IsoZone | null;
  zoneText: string;
  zoneMeaning: string;
  zoneLevel: Level;
  velocityText: string;
  summary: string;
  remainingLife: string;
  openWorkRequests: number;
  workRequestsText: string;
  lastSnapshotText: string;
}

/** A fleet entry as its row shows it (the core ranks the entries; the order is kept). */
export function fleetRow(entry: FleetEntry, now: number, timeZone: string): FleetRow {
  return {
    asset: entry.asset,
    name: entry.name,
    lineName: entry.lineName,
    condition: entry.condition,
    conditionText: conditionWords[entry.condition],
    level: conditionLevels[entry.condition],
    healthText: formatHealth(entry.health),
    zone: entry.zone,
    zoneText: entry.zone === null ? noValue : entry.zone,
    zoneMeaning: entry.zone === null ? 'No velocity yet' : zoneMeanings[entry.zone],
    zoneLevel: entry.zone === null ? 'pending' : zoneLevels[entry.zone],
    velocityText: formatVelocity(entry.velocityRmsMmS),
    summary: entry.summary,
    remainingLife: entry.remainingLife ?? 'No estimate needed: the velocity is not rising',
    openWorkRequests: entry.openWorkRequests,
    workRequestsText: entry.openWorkRequests === 0 ? 'None open' : `${entry.openWorkRequests} open`,
    lastSnapshotText: formatWhen(entry.lastSnapshotAt, now, timeZone),
  };
}

/** "2 assets in alert, 1 on watch, 3 good", for the head of the list. */
export function fleetSummary(entries: readonly FleetEntry[]): string {
  if (entries.length === 0) return 'No asset is under vibration monitoring.';
  const count = (c: AssetCondition) => entries.filter((e) => e.condition === c).length;
  const parts = [
    [count('alert'), 'in alert'],
    [count('watch'), 'on watch'],
    [count('good'), 'good'],
    [count('learning'), 'learning the baseline'],
    [count('no-data'), 'without data yet'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`);
  return `${entries.length} asset${entries.length === 1 ? '' : 's'}: ${said.join(', ')}`;
}

export const priorityWords: Record<WorkRequest['priority'], string> = { high: 'High priority', medium: 'Medium priority' };

/** Open before acknowledged; open ones high priority first; then newest first. */
export function sortWorkRequests(requests: readonly WorkRequest[]): WorkRequest[] {
  const rank = (r: WorkRequest) => (r.status === 'open' ? (r.priority === 'high' ? 0 : 1) : 2);
  return [...requests].sort((a, b) => rank(a) - rank(b) || b.raisedAt - a.raisedAt);
}

export interface WorkRequestRow {
  id: string;
  asset: string;
  assetName: string;
  open: boolean;
  statusText: string;
  priority: WorkRequest['priority'];
  priorityText: string;
  level: Level;
  title: string;
  raisedText: string;
  healthText: string;
  zoneText: string;
  diagnosis: string;
  evidence: string[];
  remainingLife: string;
  acknowledgedText: string | null;
}

export function workRequestRow(request: WorkRequest, now: number, timeZone: string): WorkRequestRow {
  const ack = request.acknowledged;
  return {
    id: request.id,
    asset: request.asset,
    assetName: request.assetName,
    open: request.status === 'open',
    statusText: request.status === 'open' ? 'Open' : 'Acknowledged',
    priority: request.priority,
    priorityText: priorityWords[request.priority],
    level: request.status !== 'open' ? 'normal' : request.priority === 'high' ? 'abnormal' : 'attention',
    title: request.title,
    raisedText: `Raised ${formatZoneDateTime(request.raisedAt, timeZone)} (${formatAgo(request.raisedAt, now)})`,
    healthText: `Health ${formatHealth(request.health)}`,
    zoneText: `Zone ${request.zone} at ${formatVelocity(request.velocityRmsMmS)}`,
    diagnosis: request.diagnosis,
    evidence: request.evidence,
    remainingLife: request.remainingLife,
    acknowledgedText:
      ack === undefined ? null : `Acknowledged by ${ack.user}, ${formatZoneDateTime(ack.at, timeZone)}${ack.comment !== undefined && ack.comment !== '' ? `: “${ack.comment}”` : ''}`,
  };
}

/** A refused or failed call in words. */
export function refusalText(error: { code: string; message: string }, what: string): string {
  if (error.code === 'disconnected') return 'No connection to the runtime.';
  return `${what}: ${error.message}`;
}

/** The label of a feature with its unit, "Velocity RMS (mm/s)". */
export function featureTitle(name: keyof typeof featureInfo): string {
  const info = featureInfo[name];
  return info.unit === '' ? info.label : `${info.label} (${info.unit})`;
}
