/**
 * One live run of Gammapy 1.0 (gammapy_map_reduce.py) on Crab run 23559 with the
 * crab-3d-fov geometry, checked with the same comparisons as the stored numbers: the map
 * maker, the safe-mask methods, the FoV norms, the ring background and the 3D loop.
 */
import { describe, test } from "vitest";
import { checkFov, checkLoop, checkMapMaker, checkMapMasks, checkRing } from "./map-checks.js";
import { gammapyData } from "./helpers.js";
import { liveMapReference, storedMapReference } from "./map-helpers.js";

const data = gammapyData();
if (data.dir === undefined) console.log(`skipping the live Gammapy 3D comparison: ${data.reason}`);

describe("3D reduction vs Gammapy 1.0 run live", () => {
  test.skipIf(data.dir === undefined)("maker, safe masks, FoV, ring and the 3D loop on run 23559", async () => {
    // One run keeps the Python side short; the stored numbers cover both.
    const live = liveMapReference({ ...storedMapReference().request, obs_ids: [23559] }, data.dir!);
    if (live === undefined) return;
    checkMapMaker(live, data.dir!);
    checkMapMasks(live, data.dir!);
    checkFov(live, data.dir!);
    checkRing(live, data.dir!);
    await checkLoop(live, data.dir!);
  });
});
