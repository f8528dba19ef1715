"""Gammapy 1.0 reference numbers for the gammats WcsGeom / WcsNDMap tests.

Reads {"tasks": [{"id", "kind", ...}]} as JSON on stdin, prints {id: result} as JSON
(NaN -> null). Geometries are given as WcsGeom.create keyword dicts with axes as
{"name", "lo", "hi", "nbin", "unit", "interp"} (edges from bounds). Run with /usr/bin/python3.
"""
import json
import sys
import warnings

import numpy as np
import astropy.units as u
from astropy.coordinates import SkyCoord
from gammapy.maps import Map, MapAxis, WcsGeom, WcsNDMap

warnings.simplefilter("ignore")


def arr(x):
    x = np.asarray(getattr(x, "value", x), dtype=float).ravel()
    return [None if not np.isfinite(v) else float(v) for v in x]


def axis(spec):
    if spec.get("interp", "log") == "log" and spec["name"].startswith("energy"):
        return MapAxis.from_energy_bounds(spec["lo"], spec["hi"], spec["nbin"], unit=spec["unit"], name=spec["name"])
    return MapAxis.from_bounds(spec["lo"], spec["hi"], spec["nbin"], unit=spec.get("unit", ""), name=spec["name"], interp=spec.get("interp", "lin"))


def geom(spec):
    kw = dict(spec)
    kw["axes"] = [axis(a) for a in kw.get("axes", [])]
    for key in ("skydir", "width", "binsz", "npix"):
        if isinstance(kw.get(key), list):
            kw[key] = tuple(kw[key])
    return WcsGeom.create(**kw)


def header_dict(h):
    out = {}
    for k in h:
        v = h[k]
        out[k] = v if isinstance(v, (str, bool)) else float(v)
    return out


def coords(spec, frame):
    c = {"skycoord": SkyCoord(np.array(spec["lon"]), np.array(spec["lat"]), unit="deg", frame=spec.get("frame", frame))}
    for k, v in spec.items():
        if k not in ("lon", "lat", "frame"):
            c[k] = np.array(v)
    return c


def run(task):
    kind = task["kind"]
    if kind == "geom":
        g = geom(task["geom"])
        img = g.to_image()
        c = img.get_coord()
        center = task.get("center")
        res = {
            "header": header_dict(g.to_header()),
            "data_shape": [int(v) for v in g.data_shape],
            "npix": [int(g.npix[0][0]), int(g.npix[1][0])],
            "solid_angle": arr(img.solid_angle().to_value("sr")),
            "lon": arr(c.lon),
            "lat": arr(c.lat),
            "width": arr(g.width[:, 0]),
            "center_skydir": [float(g.center_skydir.data.lon.deg), float(g.center_skydir.data.lat.deg)],
            "is_allsky": bool(g.is_allsky),
        }
        if center:
            sc = SkyCoord(center[0], center[1], unit="deg", frame=center[2])
            res["separation"] = arr(g.separation(sc).deg)
        return res
    if kind == "cutout":
        g = geom(task["geom"])
        p = task["position"]
        cg = g.cutout(SkyCoord(p[0], p[1], unit="deg", frame=p[2]), width=tuple(task["width"]) * u.deg if isinstance(task["width"], list) else task["width"] * u.deg, odd_npix=task.get("odd_npix", False))
        return {"header": header_dict(cg.to_header()), "npix": [int(cg.npix[0][0]), int(cg.npix[1][0])]}
    if kind == "resample_geom":
        g = geom(task["geom"])
        r = g.upsample(task["factor"]) if task["how"] == "up" else g.downsample(task["factor"])
        return {"header": header_dict(r.to_header()), "npix": [int(r.npix[0][0]), int(r.npix[1][0])]}
    if kind == "region_mask":
        g = geom(task["geom"])
        m = g.region_mask(task["regions"], inside=task.get("inside", True))
        return {"mask": arr(m.data.astype(float))}
    if kind == "map":
        g = geom(task["geom"])
        m = Map.from_geom(g, data=np.array(task["data"], dtype=float).reshape(g.data_shape), unit=task.get("unit", ""), dtype="float64")
        out = {}
        for i, op in enumerate(task["ops"]):
            name = op["op"]
            if name == "get_by_coord":
                out[i] = arr(m.get_by_coord(coords(op["coords"], g.frame)))
            elif name == "interp_by_coord":
                out[i] = arr(m.interp_by_coord(coords(op["coords"], g.frame), method=op.get("method", "linear"), fill_value=op.get("fill_value")))
            elif name == "fill_by_coord":
                e = Map.from_geom(g, dtype="float64")
                e.fill_by_coord(coords(op["coords"], g.frame), weights=np.array(op["weights"]) if "weights" in op else None)
                out[i] = arr(e.data)
            elif name == "sum_over_axes":
                out[i] = arr(m.sum_over_axes(keepdims=op.get("keepdims", True)).data)
            elif name == "reproject":
                r = m.reproject_to_geom(geom(op["target"]), preserve_counts=op["preserve_counts"])
                out[i] = arr(r.data)
            elif name == "interp_to_geom":
                r = m.interp_to_geom(geom(op["target"]), preserve_counts=op.get("preserve_counts", False))
                out[i] = arr(r.data)
            elif name == "upsample":
                out[i] = arr(m.upsample(op["factor"], preserve_counts=op["preserve_counts"]).data)
            elif name == "downsample":
                out[i] = arr(m.downsample(op["factor"], preserve_counts=op["preserve_counts"]).data)
            elif name == "convolve":
                k = np.array(op["kernel"], dtype=float).reshape(op["shape"])
                out[i] = arr(m.convolve(k, method=op.get("method", "direct")).data)
            elif name == "smooth":
                w = op["width"]
                out[i] = arr(m.smooth(w if isinstance(w, (int, float)) else u.Quantity(w), kernel=op["kernel"]).data)
            elif name == "cutout":
                p = op["position"]
                c = m.cutout(SkyCoord(p[0], p[1], unit="deg", frame=p[2]), width=op["width"] * u.deg)
                out[i] = {"data": arr(c.data), "npix": [int(c.geom.npix[0][0]), int(c.geom.npix[1][0])]}
        return out
    if kind == "write":
        g = geom(task["geom"])
        dtype = task.get("dtype", "float32")
        data = np.array(task["data"], dtype=float).reshape(g.data_shape)
        if dtype == "bool":
            data = data > 0
        m = Map.from_geom(g, data=data.astype(dtype), unit=task.get("unit", ""), meta=task.get("meta", {}))
        m.write(task["path"], overwrite=True, **task.get("kwargs", {}))
        return {"ok": True}
    if kind == "read":
        m = Map.read(task["path"], **task.get("kwargs", {}))
        return {
            "header": header_dict(m.geom.to_header()),
            "data": arr(m.data.astype(float)),
            "dtype": str(m.data.dtype),
            "unit": m.unit.to_string("fits"),
            "meta": {k: (v if isinstance(v, (str, int, float, bool)) else str(v)) for k, v in m.meta.items()},
            "axes": [{"name": a.name, "edges": arr(a.edges), "unit": str(a.unit), "interp": a.interp} for a in m.geom.axes],
            "data_shape": [int(v) for v in m.geom.data_shape],
        }
    if kind == "events":
        from gammapy.data import EventList

        events = EventList.read(task["path"])
        g = geom(task["geom"])
        m = Map.from_geom(g, dtype="float64")
        m.fill_events(events)
        return {"data": arr(m.data), "n": len(events.table)}
    raise ValueError(kind)


data = json.load(sys.stdin)
print(json.dumps({t["id"]: run(t) for t in data["tasks"]}))
