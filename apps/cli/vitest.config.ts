import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@gammats/source"] },
  ssr: { resolve: { conditions: ["@gammats/source"] } },
  test: {
    name: "cli",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // The CLI tests run the built binary; build it (and what it imports) first.
    globalSetup: ["test/build-cli.ts"],
  },
});
