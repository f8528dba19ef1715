// Opens the H.E.S.S. DR1 data store and loads events + every IRF of the 4 Crab runs,
// side by side with Gammapy 1.0 doing the same work (issue: DL3 data speed target ≥ 10×).
//
//   npx tsc -b && node bench/data-store-load.mjs [repeats]
//
// Each repeat starts from a fresh DataStore (no cache carried over), in one process for
// both tools; Gammapy times itself inside Python (interpreter start-up and `import gammapy`
// are reported apart, since a user pays them once per session).
import { spawnSync } from "node:child_process";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ds = await import(join(repo, "packages/data-store/dist/index.js")).catch(() => {
  console.error("build first: npx tsc -b");
  process.exit(1);
});
const data = process.env.GAMMAPY_DATA ?? resolve(repo, "../shared/gammapy-data");
const store = join(data, "hess-dl3-dr1");
const ids = [23523, 23526, 23559, 23592];
const repeats = Number(process.argv[2] ?? 10);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function loadAll() {
  const dataStore = ds.DataStore.fromDir(store);
  let n = 0;
  for (const obs of dataStore.getObservations(ids)) {
    n += obs.events.length;
    void obs.gti;
    for (const irf of [obs.aeff, obs.edisp, obs.psf, obs.bkg]) if (!irf) throw new Error(`missing IRF in ${obs.obsId}`);
  }
  return n;
}

const ours = [];
let events = 0;
for (let i = 0; i < repeats + 2; i++) {
  const t0 = performance.now();
  events = loadAll();
  if (i >= 2) ours.push(performance.now() - t0);
}

const py = `
import os, sys, time, json
t0 = time.perf_counter()
from gammapy.data import DataStore
t_import = time.perf_counter() - t0
ids = [23523, 23526, 23559, 23592]
ts = []
n = 0
for i in range(int(sys.argv[2]) + 2):
    t0 = time.perf_counter()
    store = DataStore.from_dir(sys.argv[1])
    obs_list = store.get_observations(ids)
    n = 0
    for obs in obs_list:
        n += len(obs.events.table)
        obs.gti; obs.aeff; obs.edisp; obs.psf; obs.bkg
    if i >= 2:
        ts.append(time.perf_counter() - t0)
ts.sort()
print(json.dumps({"median_ms": ts[len(ts) // 2] * 1e3, "import_s": t_import, "events": n}))
`;
const r = spawnSync("/usr/bin/python3", ["-c", py, store, String(repeats)], { encoding: "utf8" });
const gp = r.status === 0 ? JSON.parse(r.stdout.trim().split("\n").pop()) : undefined;

console.log(`H.E.S.S. DR1, runs ${ids.join(", ")}: open store, events + GTI + aeff/edisp/psf/bkg (${repeats} repeats, median)`);
console.log(`  gammats   : ${median(ours).toFixed(1)} ms  (${events} events)`);
if (gp) {
  console.log(`  Gammapy 1.0: ${gp.median_ms.toFixed(1)} ms  (${gp.events} events; import gammapy.data ${gp.import_s.toFixed(2)} s once)`);
  console.log(`  ratio     : ${(gp.median_ms / median(ours)).toFixed(1)}x`);
} else {
  console.log(`  Gammapy 1.0: not run (${(r.stderr || "no /usr/bin/python3 with gammapy").trim().split("\n").pop()})`);
}
