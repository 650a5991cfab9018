// Builds the console into web/dist with relative asset paths, so the server can serve it at `/`
// (routing uses the URL hash, so every page is index.html and no fallback route is needed).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    // In development the API runs on its own port; the console proxies to it.
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: true } },
  },
});
