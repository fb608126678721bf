import { defineConfig } from 'vite';

// The gateway serves dist/ at /; hashed file names under assets/ let it cache them for ever.
export default defineConfig({
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false, target: 'es2022' },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
});
