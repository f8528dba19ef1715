#!/usr/bin/python3
"""Gammapy 1.0's side of bench/analysis-1d.mjs and bench/analysis-3d.mjs: one config through
the high-level interface, as shared/reference/gammapy_summary.py runs it, timing each stage.

Usage: /usr/bin/python3 bench/analysis-gammapy.py CONFIG OUT_JSON [--excess-map]   (run from the case folder)
Writes {"timings_s": {import, observations, datasets, fit, flux_points, light_curve, total},
"peak_rss_mb", "fit": {"success", "total_stat", "values"}, "counts"}; the fit numbers let the
benchmark check that both sides did the same work. --excess-map (the 3D bench) also times
the excess-map stage when the config asks for it (timings_s.excess_map). Reading the models
is not timed, as in gammapy_summary.py and in gammats.
"""
import json
import resource
import sys
import time

t_start = time.time()
from gammapy.analysis import Analysis, AnalysisConfig  # noqa: E402

timings = {"import": time.time() - t_start}
args = [a for a in sys.argv[1:] if a != "--excess-map"]
with_excess_map = "--excess-map" in sys.argv[1:]
cfg_path, out_path = args[0], args[1]
config = AnalysisConfig.read(cfg_path)
ana = Analysis(config)


def timed(name, work):
    t = time.time()
    work()
    timings[name] = time.time() - t


timed("observations", ana.get_observations)
timed("datasets", ana.get_datasets)
result = {"counts": [float(d.info_dict()["counts"]) for d in ana.datasets]}
if config.general.models_file:
    ana.read_models(config.general.models_file)
    timed("fit", ana.run_fit)
    r = ana.fit_result
    result["fit"] = {"success": bool(r.success), "total_stat": float(r.total_stat),
                     "values": {f"{m.name}.{p.name}": float(p.value) for m in ana.models for p in m.parameters if not p.frozen}}
    if config.flux_points.energy.min is not None:
        timed("flux_points", ana.get_flux_points)
    if config.light_curve.energy_edges.min is not None:
        timed("light_curve", ana.get_light_curve)
if with_excess_map and config.excess_map.energy_edges.min is not None:
    timed("excess_map", ana.get_excess_map)
timings["total"] = time.time() - t_start
result["timings_s"] = timings
result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
with open(out_path, "w") as f:
    json.dump(result, f, indent=1)
