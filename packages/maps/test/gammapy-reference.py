"""Reference numbers from Gammapy 1.0 for the @gammats/maps tests.

Run with /usr/bin/python3; prints one JSON document on stdout. The tests spawn it and
compare; they skip when Python or Gammapy is missing.
"""
import json
import sys

import numpy as np
from gammapy.maps import MapAxis
from gammapy.utils.interpolation import ScaledRegularGridInterpolator


def arr(x):
    x = np.asarray(getattr(x, "value", x), dtype=float)
    return [None if not np.isfinite(v) else float(v) for v in x.ravel()]


def axis_facts(axis, coords):
    return {
        "nbin": int(axis.nbin),
        "edges": arr(axis.edges),
        "centers": arr(axis.center),
        "widths": arr(axis.bin_width),
        "coords": arr(coords),
        "pix": arr(axis.coord_to_pix(coords)),
        "pix_to_coord": arr(axis.pix_to_coord(np.array([-1.3, -0.5, 0.0, 0.25, axis.nbin - 0.5, axis.nbin + 0.7]))),
        "idx": [int(i) for i in axis.coord_to_idx(coords)],
        "idx_clip": [int(i) for i in axis.coord_to_idx(coords, clip=True)],
    }


out = {"axes": {}, "interp": {}}
e = MapAxis.from_energy_bounds("0.1 TeV", "100 TeV", 24)
out["axes"]["energy_24"] = axis_facts(e, np.array([0.05, 0.1000001, 0.3, 1.0, 7.7, 99.9, 150.0]))
out["axes"]["energy_per_decade_5"] = axis_facts(
    MapAxis.from_energy_bounds("0.1 TeV", "100 TeV", 5, per_decade=True), np.array([0.2, 5.0])
)
out["axes"]["energy_73"] = axis_facts(
    MapAxis.from_energy_bounds("0.01 TeV", "100 TeV", 73, name="energy_true"), np.array([0.011, 0.5, 42.0])
)
# per-decade rounding up: 2.7 decades * 8 = 21.6 -> 22 bins; 30 GeV..30 TeV is exactly 3 decades
out["axes"]["energy_gev_per_decade"] = axis_facts(
    MapAxis.from_energy_bounds("30 GeV", "30 TeV", 8, per_decade=True), np.array([0.05, 1.0])
)
out["axes"]["energy_mixed_units"] = axis_facts(
    MapAxis.from_energy_bounds("200 GeV", "50 TeV", 2.5, per_decade=True), np.array([1.0])
)
out["axes"]["migra"] = axis_facts(
    MapAxis.from_bounds(0.2, 5, 48, interp="lin", name="migra"), np.array([0.1, 0.2, 1.0, 1.03, 4.99, 6.0])
)
out["axes"]["offset_edges"] = axis_facts(
    MapAxis.from_bounds(0, 2.5, 5, unit="deg", name="offset"), np.array([-0.1, 0.0, 0.7, 2.4, 2.6])
)
out["axes"]["offset_nodes"] = axis_facts(
    MapAxis.from_nodes(np.linspace(0, 2.5, 6), unit="deg", name="offset"), np.array([-0.3, 0.1, 1.3, 2.7])
)
out["axes"]["sqrt"] = axis_facts(
    MapAxis.from_bounds(0, 4, 4, interp="sqrt", name="rad", unit="deg"), np.array([0.1, 1.0, 2.0, 5.0])
)
out["axes"]["log_nodes"] = axis_facts(
    MapAxis.from_nodes([0.1, 0.5, 3.0, 20.0], interp="log", name="energy_true", unit="TeV"), np.array([0.05, 1.0, 30.0])
)
out["resample"] = {
    "up_edges": arr(e.upsample(3).edges),
    "down_edges": arr(e.downsample(4).edges),
    "squash": arr(e.squash().edges),
    "slice": arr(e.slice(slice(3, 7)).edges),
    "up_nodes": arr(MapAxis.from_nodes([0.1, 0.5, 3.0, 20.0], interp="log").upsample(2).center),
    "squash_nodes": arr(MapAxis.from_nodes([0.0, 0.5, 1.0, 2.0]).squash().edges),
}

rng = np.random.default_rng(42)


def interp_case(points, values, scales, values_scale, coords, **kwargs):
    res = {
        "points": [arr(p) for p in points],
        "values": arr(values),
        "points_scale": list(scales),
        "values_scale": values_scale,
        "coords": [arr(c) for c in coords],
    }
    ext = ScaledRegularGridInterpolator(points, values, points_scale=scales, values_scale=values_scale)
    res["extrapolate"] = arr(ext(tuple(coords)))
    res["extrapolate_noclip"] = arr(ext(tuple(coords), clip=False))
    res["nearest"] = arr(ext(tuple(coords), method="nearest"))
    nan = ScaledRegularGridInterpolator(
        points, values, points_scale=scales, values_scale=values_scale, extrapolate=False,
        bounds_error=False, fill_value=np.nan,
    )
    res["fill_nan"] = arr(nan(tuple(coords)))
    return res


# 2D: log energy x lin offset, log values spanning decades, some zeros
energy = np.geomspace(0.05, 80, 9)
offset = np.array([0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
v2 = 1e4 * np.exp(rng.normal(0, 1.5, (9, 6))) * (energy[:, None] ** -1.5)
v2[0, 3] = 0.0
v2[8, 5] = 0.0
n = 40
c_e = np.exp(rng.uniform(np.log(0.01), np.log(200), n))
c_o = rng.uniform(-0.5, 3.2, n)
c_e[:4] = [0.05, 80.0, 1.0, 0.03]
c_o[:4] = [0.0, 2.5, 1.5, 0.25]
c_e[4] = np.nan
out["interp"]["2d_log"] = interp_case((energy, offset), v2, ("log", "lin"), "log", (c_e, c_o))
# same grid, lin values (negative extrapolation gets clipped)
out["interp"]["2d_lin"] = interp_case((energy, offset), v2, ("log", "lin"), "lin", (c_e, c_o))

# 3D: log energy x lin fov_lon x sqrt offset-like axis
e3 = np.geomspace(0.1, 100, 5)
x3 = np.linspace(-3, 3, 7)
r3 = np.array([0.0, 0.2, 0.8, 1.8])
v3 = np.exp(rng.normal(-5, 2, (5, 7, 4)))
v3[2, 3, 1] = 0.0
v3[4, :, 3] = 0.0
m = 50
coords3 = (
    np.exp(rng.uniform(np.log(0.05), np.log(300), m)),
    rng.uniform(-4, 4, m),
    rng.uniform(0, 2.5, m),
)
out["interp"]["3d_log"] = interp_case((e3, x3, r3), v3, ("log", "lin", "sqrt"), "log", coords3)

# a dimension with a single node is ignored
e1 = np.geomspace(1, 100, 3)
v1 = np.array([[5.0], [2.0], [0.5]])
out["interp"]["single_node_dim"] = interp_case(
    (e1, np.array([0.5])), v1, ("log", "lin"), "log", (np.array([2.0, 50.0, 500.0]), np.array([7.0, 0.5, -1.0]))
)

json.dump(out, sys.stdout)
