import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { countryOutlinesPlugin } from './build/country-outlines-plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.IOC_API_PORT || 8080}`;

export default defineConfig({
  root,
  plugins: [react(), countryOutlinesPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre-gl and deck.gl are large by nature; they live in their own lazily loaded map chunk.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
