#!/usr/bin/python3
"""Give Gammapy's per-run datasets the names gammats gives them: the observation ids.

Gammapy 1.0's DatasetsMaker names the datasets of `stack: false` at random (and their
FoV background models "<random>-bkg"); gammats names them after the observation ids.
compare.py matches background models by name, so the reference summary is relabelled,
in observation order (both keep it). Nothing but names changes.

Usage: name-datasets.py GAMMAPY_JSON   (rewrites the file in place)
"""
import json, sys

path = sys.argv[1]
summary = json.load(open(path))
ids = [str(o["obs_id"]) for o in summary["observations"]]
datasets = summary.get("datasets", [])
if len(datasets) == len(ids) > 1:
    rename = {d["name"]: i for d, i in zip(datasets, ids)}
    for d in datasets:
        d["name"] = rename[d["name"]]
    for p in (summary.get("fit") or {}).get("parameters", []):
        if p["model"].endswith("-bkg") and p["model"][:-4] in rename:
            p["model"] = rename[p["model"][:-4]] + "-bkg"
json.dump(summary, open(path, "w"), indent=1)
