/** L1 overview: each line as a flow of asset tiles in config order. */
import { useAppState } from '../app-context.js';
import { AssetTile } from '../components/asset-tile.js';

export function Overview() {
  const plant = useAppState((s) => s.plant);
  const connection = useAppState((s) => s.connection);
  const showAsset = useAppState((s) => s.showAsset);

  if (plant === null) {
    return (
      <main className="overview overview-empty" data-testid="overview">
        <div className="placeholder">
          <div className="placeholder-title">{connection === 'connected' ? 'Loading the plant…' : 'Waiting for the runtime…'}</div>
          <div className="placeholder-text">The line appears here as soon as the runtime answers.</div>
        </div>
      </main>
    );
  }

  return (
    <main className="overview" data-testid="overview">
      {plant.lines.map((line) => (
        <section className="line" key={line.path} data-line={line.path} aria-label={line.name}>
          <div className="screen-title">
            <h1>{line.name}</h1>
            <span className="screen-level">Line overview</span>
          </div>
          <div className="flow" style={{ gridTemplateColumns: `repeat(${Math.max(1, line.assets.length)}, minmax(0, 1fr))` }}>
            {line.assets.map((asset) => (
              <AssetTile key={asset.path} asset={asset} onOpen={showAsset} />
            ))}
          </div>
        </section>
      ))}
    </main>
  );
}
