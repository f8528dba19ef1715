import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@gammats/source"] },
  ssr: { resolve: { conditions: ["@gammats/source"] } },
  test: { name: "analysis", include: ["test/**/*.test.ts"], testTimeout: 120_000 },
});
