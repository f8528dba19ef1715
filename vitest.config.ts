import { defineConfig } from "vitest/config";

// One root config; each package is a project so `vitest run` covers the workspace and
// `vitest run --project fits` one package. Tests resolve workspace packages from source.
export default defineConfig({
  resolve: { conditions: ["@gammats/source"] },
  ssr: { resolve: { conditions: ["@gammats/source"] } },
  test: {
    projects: ["packages/*", "apps/*", "test"],
    testTimeout: 60_000,
  },
});
