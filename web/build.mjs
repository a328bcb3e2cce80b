// Bundles the front end with vite into OUT_DIR (default dist/): report.js (the report's charts,
// inlined into every `concord report` file) and app.js (the web app of `concord serve`), each
// one self-contained IIFE with vega and vega-lite inside; no network is used.
//   node build.mjs [OUT_DIR]
import { build } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(process.argv[2] || path.join(here, 'dist'));
const entries = [
  ['src/report.js', 'ConcordReport', 'report.js'],
  ['src/app.js', 'ConcordApp', 'app.js'],
];
for (const [entry, name, file] of entries) {
  await build({
    root: here,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: false,
      minify: true,
      target: 'es2020',
      reportCompressedSize: false,
      lib: { entry: path.join(here, entry), name, formats: ['iife'], fileName: () => file },
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  });
}
console.log(`front end bundled into ${outDir}`);
