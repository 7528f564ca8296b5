import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    // Node loads `graphql` (no exports map) from its CommonJS main file, and so do Yoga and
    // the codegen runtime. Vite would pick the ESM build for our own sources, giving two
    // copies of graphql in one process ("Duplicate graphql modules"): resolve ours to the
    // same file Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
