/**
 * The tag browser of the Trends screen: a search box (path, name, description, unit) and
 * the assets of the plant to browse by; lists the numeric tags. Tapping a tag adds it as a
 * pen; tapping a tag already on the chart takes it off again.
 */
import { useMemo, useState } from 'react';
import type { AssetInfo, TagInfo } from '../../core/contract/index.js';
import { useAppState } from '../app-context.js';
import { isTrendable, matchesSearch, maxPens, penPalette } from './pens.js';

interface Option {
  tag: TagInfo;
  asset: AssetInfo;
}

/** A short line in the pen's colour and dash. */
export function PenSwatch({ colour }: { colour: number }) {
  const style = penPalette[colour % penPalette.length]!;
  return <span className="pen-swatch" data-dashed={style.dash === null ? 'false' : 'true'} style={{ color: style.colour }} aria-hidden="true" />;
}

export function TagBrowser() {
  const plant = useAppState((s) => s.plant);
  const pens = useAppState((s) => s.trendPens);
  const addTrendPen = useAppState((s) => s.addTrendPen);
  const removeTrendPen = useAppState((s) => s.removeTrendPen);
  const [text, setText] = useState('');
  const [assetPath, setAssetPath] = useState<string | null>(null);

  const assets = useMemo(() => plant?.lines.flatMap((line) => line.assets) ?? [], [plant]);
  const options = useMemo(() => {
    const out: Option[] = [];
    for (const asset of assets) {
      if (assetPath !== null && asset.path !== assetPath) continue;
      for (const tag of asset.tags) if (isTrendable(tag) && matchesSearch(tag, text, asset.name)) out.push({ tag, asset });
    }
    return out;
  }, [assets, assetPath, text]);
  const penOf = new Map(pens.map((pen) => [pen.path, pen]));

  return (
    <section className="tag-browser" data-testid="tag-browser" aria-label="Tags to trend">
      <div className="tb-head">
        <h2 className="side-title">Tags</h2>
        <span className="tb-count" data-testid="pen-count">
          {pens.length} of {maxPens} pens
        </span>
      </div>
      <div className="tb-search">
        <input
          type="search"
          className="text-input"
          data-testid="tag-search"
          placeholder="Search name, path, description"
          aria-label="Search tags"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        {text !== '' ? (
          <button type="button" className="tb-clear" aria-label="Clear the search" onClick={() => setText('')}>
            ×
          </button>
        ) : null}
      </div>
      <div className="tb-assets" role="group" aria-label="Browse by asset">
        <button type="button" className="chip" data-testid="asset-filter" data-asset="" aria-pressed={assetPath === null} onClick={() => setAssetPath(null)}>
          All assets
        </button>
        {assets.map((asset) => (
          <button
            type="button"
            key={asset.path}
            className="chip"
            data-testid="asset-filter"
            data-asset={asset.path}
            aria-pressed={assetPath === asset.path}
            onClick={() => setAssetPath(assetPath === asset.path ? null : asset.path)}
          >
            {asset.name}
          </button>
        ))}
      </div>
      <ul className="tb-list" aria-label="Numeric tags">
        {options.map(({ tag, asset }) => {
          const pen = penOf.get(tag.path);
          return (
            <li key={tag.path}>
              <button
                type="button"
                className="tag-option"
                data-testid="tag-option"
                data-tag={tag.path}
                data-on-chart={pen === undefined ? 'false' : 'true'}
                title={pen === undefined ? `Add ${tag.path} to the chart` : `${tag.path} is on the chart; tap to take it off`}
                onClick={() => (pen === undefined ? addTrendPen(tag) : removeTrendPen(tag.path))}
              >
                <span className="to-mark">{pen === undefined ? <span className="to-plus">+</span> : <PenSwatch colour={pen.colour} />}</span>
                <span className="to-text">
                  <span className="to-name">
                    <span className="to-asset">{asset.name}</span> {tag.name}
                    {tag.unit !== '' ? <span className="to-unit"> {tag.unit}</span> : null}
                  </span>
                  <span className="to-desc">{tag.description}</span>
                </span>
              </button>
            </li>
          );
        })}
        {options.length === 0 ? <li className="tb-empty">{plant === null ? 'Waiting for the plant model…' : 'No numeric tag matches.'}</li> : null}
      </ul>
    </section>
  );
}
