import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: one page, built into dist/renderer with relative paths so that it loads
// from the Electron app scheme and from `lineside serve` alike.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
});
