import { describe, expect, it } from "vitest";
import { createLogger, parseLogLevel, ConfigError, FitsError } from "@gammats/core";

describe("logger", () => {
  it("drops lines below the threshold", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "WARNING", write: (l) => lines.push(l) });
    log.info("hidden");
    log.warning("shown");
    log.error("also shown");
    expect(lines).toEqual(["WARNING: shown", "ERROR: also shown"]);
  });
  it("parses level names as configs write them", () => {
    expect(parseLogLevel("INFO")).toBe("info");
    expect(parseLogLevel("warn")).toBe("warning");
    expect(parseLogLevel("loud")).toBeUndefined();
  });
});

describe("errors", () => {
  it("say where", () => {
    const e = new FitsError("truncated header", { file: "a.fits", hdu: 1, offset: 2880 });
    expect(e.message).toBe("truncated header (file a.fits, HDU 1, byte 2880)");
    expect(e.name).toBe("FitsError");
    const c = new ConfigError("unknown key", "datasets.geom.wxs", { hint: "did you mean 'wcs'?" });
    expect(c.message).toBe("key 'datasets.geom.wxs': unknown key. did you mean 'wcs'?");
    expect(c.path).toBe("datasets.geom.wxs");
  });
});
