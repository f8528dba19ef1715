"""astropy.wcs reference transforms for the gammats WCS tests.

Reads {"cases": [{"name", "header", "px", "py", "lon", "lat"}]} as JSON on stdin and
prints, per case, pix2world/world2pix (origin 0) and to_header() as JSON (NaN -> null).
Run with /usr/bin/python3.
"""
import json
import sys
import warnings

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS


def arr(x):
    x = np.asarray(x, dtype=float).ravel()
    return [None if not np.isfinite(v) else float(v) for v in x]


def header_dict(h):
    out = {}
    for k in h:
        v = h[k]
        out[k] = v if isinstance(v, (str, bool)) else float(v)
    return out


warnings.simplefilter("ignore")
data = json.load(sys.stdin)
res = {}
for case in data["cases"]:
    w = WCS(fits.Header(case["header"]))
    lon, lat = w.wcs_pix2world(np.array(case["px"], float), np.array(case["py"], float), 0)
    x, y = w.wcs_world2pix(np.array(case["lon"], float), np.array(case["lat"], float), 0)
    res[case["name"]] = {
        "lon": arr(lon),
        "lat": arr(lat),
        "x": arr(x),
        "y": arr(y),
        "header": header_dict(w.to_header()),
    }
print(json.dumps(res))
