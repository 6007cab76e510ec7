/** One asset on the L1 overview: name, state, fault, rate with its trend, counters and key values. Tap to open its L3 page. */
import { useMemo } from 'react';
import type { KeyboardEvent } from 'react';
import type { AssetInfo, TagInfo } from '../../core/contract/index.js';
import { LiveValue } from '../live/live-value.js';
import { Sparkline } from '../live/sparkline.js';
import { tileTags } from '../plant/plant-lookup.js';
import { StateTile } from './state-tile.js';

export interface AssetTileProps {
  asset: AssetInfo;
  onOpen(path: string): void;
}

export function AssetTile({ asset, onOpen }: AssetTileProps) {
  const tags = useMemo(() => tileTags(asset), [asset]);
  const open = () => onOpen(asset.path);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open();
    }
  };
  return (
    <article
      className="asset-tile"
      data-testid="asset-tile"
      data-asset={asset.path}
      role="button"
      tabIndex={0}
      aria-label={`${asset.name}: open details`}
      onClick={open}
      onKeyDown={onKeyDown}
    >
      <header className="tile-head">
        <h2 className="tile-name">{asset.name}</h2>
        <span className="tile-open" aria-hidden="true">
          ›
        </span>
      </header>
      {tags.state !== undefined || tags.fault !== undefined || !tags.bare ? <StateTile state={tags.state} fault={tags.fault} size="tile" /> : null}
      <section className="tile-rate">
        {tags.rate !== undefined ? (
          <>
            <div className="field-label">{tags.rate.unit.endsWith('/min') ? 'Rate' : 'Speed'}</div>
            <LiveValue tag={tags.rate} className="reading-xl" />
            <Sparkline path={tags.rate.path} className="tile-spark" />
          </>
        ) : null}
      </section>
      <TileList className="tile-counters" rows={tags.counters} />
      <TileList className={tags.bare ? 'tile-keys tile-stacked' : 'tile-keys'} rows={tags.keys} />
    </article>
  );
}

/** Labelled live values, one row each. */
function TileList({ className, rows }: { className: string; rows: readonly { label: string; tag: TagInfo }[] }) {
  return (
    <dl className={`tile-list ${className}`}>
      {rows.map(({ label, tag }) => (
        <div className="tile-row" key={tag.path}>
          <dt className="field-label">{label}</dt>
          <dd>
            <LiveValue tag={tag} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
