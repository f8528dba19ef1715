"""Reference numbers from Gammapy 1.0 for the @gammats/irf tests (JSON on stdout).

Usage:
  gammapy-irf-reference.py                 evaluate the real H.E.S.S. DR1 and CTA 1DC IRFs
  gammapy-irf-reference.py readback SPEC   read files written by gammats (SPEC: JSON file)

Run with /usr/bin/python3 (the interpreter with Gammapy 1.0). Grids reach outside the
IRF axes on purpose; NaN is written as null.
"""
import json
import logging
import os
import sys
import warnings

import numpy as np
import astropy.units as u

warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)

from gammapy.irf import (  # noqa: E402
    Background2D,
    Background3D,
    EffectiveAreaTable2D,
    EnergyDispersion2D,
    RadMax2D,
)
from gammapy.maps import MapAxis  # noqa: E402


def arr(x):
    a = np.asarray(getattr(x, "value", x), dtype=float).ravel()
    return [None if not np.isfinite(v) else float(v) for v in a]


def with_edges(points, axis):
    """Points plus the axis' own edges and centres (bounds are where fill rules bite)."""
    extra = np.concatenate([axis.edges.value[[0, 1, -2, -1]], axis.center.value[[0, -1]]])
    return np.unique(np.concatenate([points, extra]))


def aeff_ref(path, hdu):
    aeff = EffectiveAreaTable2D.read(path, hdu=hdu)
    ea, oa = aeff.axes["energy_true"], aeff.axes["offset"]
    e = with_edges(np.geomspace(ea.edges.value[0] / 4, ea.edges.value[-1] * 4, 37), ea)
    o = with_edges(np.linspace(-0.3, oa.edges.value[-1] + 0.6, 19), oa)
    v = aeff.evaluate(energy_true=e[:, None] * u.TeV, offset=o[None, :] * u.deg).to_value("cm2")
    near = aeff.evaluate(energy_true=e[:, None] * u.TeV, offset=o[None, :] * u.deg, method="nearest").to_value("cm2")
    return dict(
        energy=arr(e), offset=arr(o), values=arr(v), nearest=arr(near), max=float(np.max(aeff.quantity.to_value("cm2"))),
        lo_thres=aeff.meta.get("LO_THRES"), hi_thres=aeff.meta.get("HI_THRES"),
        energy_edges=arr(ea.edges), offset_edges=arr(oa.edges),
    )


def edisp_ref(path, hdu):
    edisp = EnergyDispersion2D.read(path, hdu=hdu)
    ea, ma, oa = edisp.axes["energy_true"], edisp.axes["migra"], edisp.axes["offset"]
    e = with_edges(np.geomspace(ea.edges.value[0] / 3, ea.edges.value[-1] * 3, 17), ea)
    m = with_edges(np.linspace(-0.1, ma.edges.value[-1] + 0.4, 23), ma)
    o = with_edges(np.linspace(-0.2, oa.edges.value[-1] + 0.5, 7), oa)
    v = edisp.evaluate(
        energy_true=e[:, None, None] * u.TeV, migra=m[None, :, None], offset=o[None, None, :] * u.deg
    ).to_value("")
    etrue = MapAxis.from_energy_bounds(0.1, 100, 20, unit="TeV", name="energy_true")
    ereco = MapAxis.from_energy_bounds(0.1, 100, 15, unit="TeV", name="energy")
    kernel = edisp.to_edisp_kernel(offset=0.5 * u.deg, energy_true=etrue.edges, energy=ereco.edges)
    probe = np.concatenate([etrue.center.value, [0.05, 0.1, 0.13, 99.0, 200.0]])
    # Strictly inside: Gammapy's get_bias takes the last row for energies below the axis.
    inside = probe[(probe > etrue.edges.value[0]) & (probe < etrue.edges.value[-1])]
    # Default axes: the IRF's own true-energy binning for both, at offset 1.2 deg.
    kernel_default = edisp.to_edisp_kernel(offset=1.2 * u.deg)
    return dict(
        energy_true=arr(e), migra=arr(m), offset=arr(o), values=arr(v), max=float(np.max(edisp.data)),
        kernel=dict(
            etrue_edges=arr(etrue.edges), ereco_edges=arr(ereco.edges), matrix=arr(kernel.pdf_matrix),
            probe=arr(inside), bias=arr(kernel.get_bias(inside * u.TeV)),
            resolution=arr(kernel.get_resolution(inside * u.TeV)), mean=arr(kernel.get_mean(inside * u.TeV)),
        ),
        kernel_default=dict(shape=list(kernel_default.pdf_matrix.shape), matrix=arr(kernel_default.pdf_matrix)),
    )


def bkg3d_ref(path, hdu):
    bkg = Background3D.read(path, hdu=hdu)
    ea, xa, ya = bkg.axes["energy"], bkg.axes["fov_lon"], bkg.axes["fov_lat"]
    e = with_edges(np.geomspace(ea.edges.value[0] / 3, ea.edges.value[-1] * 3, 13), ea)
    x = with_edges(np.linspace(xa.edges.value[0] - 0.7, xa.edges.value[-1] + 0.7, 21), xa)
    y = with_edges(np.linspace(ya.edges.value[0] - 0.5, ya.edges.value[-1] + 0.5, 17), ya)
    unit = "s-1 TeV-1 sr-1"
    coords = dict(energy=e[:, None, None] * u.TeV, fov_lon=x[None, :, None] * u.deg, fov_lat=y[None, None, :] * u.deg)
    v = bkg.evaluate(**coords).to_value(unit)
    # The same evaluation with the float32 file data cast to float64 first: Gammapy takes
    # the log of float32 values in float32, which alone moves results by ~1e-6.
    bkg64 = Background3D(axes=bkg.axes, data=bkg.data.astype(np.float64), unit=bkg.unit)
    v64 = bkg64.evaluate(**coords).to_value(unit)
    edges = np.geomspace(0.05, 150, 14)
    rng = np.random.default_rng(7)
    lon = np.concatenate([rng.uniform(-6, 6, 40), [0, 0.01, xa.edges.value[-1], 9]])
    lat = np.concatenate([rng.uniform(-6, 6, 40), [0, -0.01, ya.edges.value[0], -9]])
    integ = bkg64.integrate_log_log(
        energy=edges[:, None] * u.TeV, fov_lon=lon[None, :] * u.deg, fov_lat=lat[None, :] * u.deg, axis_name="energy"
    ).to_value("s-1 sr-1")
    b2 = bkg.to_2d()
    return dict(
        energy=arr(e), fov_lon=arr(x), fov_lat=arr(y), values=arr(v), values64=arr(v64),
        max=float(np.max(bkg.quantity.to_value(unit))), fov_alignment=str(bkg.fov_alignment.value),
        integrate=dict(edges=arr(edges), lon=arr(lon), lat=arr(lat), values=arr(integ)),
        to_2d=dict(offset_edges=arr(b2.axes["offset"].edges), values=arr((b2.data.astype(np.float64) * b2.unit).to_value(unit))),
    )


def reference():
    root = os.environ.get("GAMMAPY_DATA")
    hess = os.path.join(root, "hess-dl3-dr1/data/hess_dl3_dr1_obs_id_023523.fits.gz")
    cta = os.path.join(root, "cta-1dc/caldb/data/cta/1dc/bcf/South_z20_50h/irf_file.fits")
    return dict(
        hess=dict(aeff=aeff_ref(hess, "AEFF"), edisp=edisp_ref(hess, "EDISP"), bkg=bkg3d_ref(hess, "BKG")),
        cta=dict(
            aeff=aeff_ref(cta, "EFFECTIVE AREA"),
            edisp=edisp_ref(cta, "ENERGY DISPERSION"),
            bkg=bkg3d_ref(cta, "BACKGROUND"),
        ),
    )


def readback(spec_path):
    """Reads files gammats wrote and evaluates them on the grids it asks for."""
    with open(spec_path) as f:
        spec = json.load(f)
    out = {}
    for item in spec:
        cls = dict(
            aeff_2d=EffectiveAreaTable2D, edisp_2d=EnergyDispersion2D, bkg_2d=Background2D,
            bkg_3d=Background3D, rad_max_2d=RadMax2D,
        )[item["tag"]]
        irf = cls.read(item["file"], hdu=item["hdu"])
        names = [a.name for a in irf.axes]
        coords = {}
        ndim = len(names)
        for i, name in enumerate(names):
            shape = [1] * ndim
            shape[i] = -1
            unit = irf.axes[name].unit
            coords[name] = np.asarray(item["coords"][name]).reshape(shape) * (unit if unit != "" else u.one)
        values = irf.evaluate(**coords).to_value(item["unit"])
        res = dict(
            axes=names, unit=str(irf.unit), data=arr(irf.quantity.to_value(item["unit"]).ravel()),
            edges={a.name: arr(a.edges) for a in irf.axes}, node_types={a.name: a.node_type for a in irf.axes},
            values=arr(values), is_pointlike=bool(irf.is_pointlike), meta={k: str(v) for k, v in irf.meta.items()},
        )
        if item["tag"] == "bkg_3d":
            res["fov_alignment"] = str(irf.fov_alignment.value)
        if item.get("rad_max_from_irf"):
            rm = RadMax2D.from_irf(irf)
            res["rad_max_from_irf"] = dict(
                edges={a.name: arr(a.edges) for a in rm.axes},
                values=arr(rm.evaluate(energy=[0.01, 1, 500] * u.TeV, offset=[[0], [1], [9]] * u.deg).to_value("deg")),
            )
        out[item["name"]] = res
    return out


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "readback":
        result = readback(sys.argv[2])
    else:
        result = reference()
    json.dump(result, sys.stdout)
