/** Entry: pick the transport, then mount the app (or the no-token message). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './app.js';
import { NoToken, StartupError } from './screens/no-token.js';
import { pickClient } from './transport/pick-client.js';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);

pickClient().then(
  (picked) => {
    root.render(
      <StrictMode>
        {picked.kind === 'no-token' ? <NoToken /> : <App client={picked.client} transportLabel={picked.transportLabel} demo={picked.demo} />}
      </StrictMode>,
    );
  },
  (error: unknown) => {
    root.render(<StartupError message={error instanceof Error ? error.message : String(error)} />);
  },
);
