"""Gammapy 1.0 cross-checks of the remaining spatial models and the temporal models for
the gammats tests; JSON on stdout (NaN written as null).

  gammapy-spatial-temporal.py reference        numbers of parametric models (stored as
                                                fixtures/gammapy-1.0-spatial-temporal-reference.json)
  gammapy-spatial-temporal.py write DIR        writes templates, light curve and models.yaml in DIR
  gammapy-spatial-temporal.py read FILE        Models.read(FILE) (run in FILE's directory)
  gammapy-spatial-temporal.py both DIR FILE    both, as {"written": ..., "read": ...}
"""
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")
import logging

logging.disable(logging.WARNING)

import numpy as np
import astropy.units as u
import scipy.integrate
from astropy.table import Table
from astropy.time import Time
from gammapy.maps import MapAxis, WcsGeom, WcsNDMap
from gammapy.modeling.models import (
    ConstantTemporalModel,
    ExpDecayTemporalModel,
    GaussianTemporalModel,
    GeneralizedGaussianSpatialModel,
    GeneralizedGaussianTemporalModel,
    LightCurveTemplateTemporalModel,
    LinearTemporalModel,
    Models,
    PointSpatialModel,
    PowerLawSpectralModel,
    PowerLawTemporalModel,
    Shell2SpatialModel,
    ShellSpatialModel,
    SineTemporalModel,
    SkyModel,
    TemplateSpatialModel,
    TemporalModel,
)

DLON = np.array([0.0, 0.05, -0.12, 0.3, 0.61, -1.4])
DLAT = np.array([0.0, 0.02, 0.1, -0.2, 0.0, 0.35])
ENERGY = np.array([1.5, 3.0, 20.0, 0.8, 150.0, 1.1])
DT = np.array([-0.7, 0.1, 0.5, 1.3, 2.5, 4.2])
DT_MIN = np.array([0.2, 1.0, 3.0])
DT_MAX = np.array([0.9, 2.5, 6.0])


def clean(values):
    return [None if not np.isfinite(v) else float(v) for v in np.ravel(values)]


def params(model):
    return [{"name": p.name, "value": p.value, "unit": p.unit.to_string("fits")} for p in model.parameters]


def exact_integral(model, t_min, t_max):
    """(∫ f dt) / Σ Δt with adaptive quadrature, in days."""
    f = lambda t: float(model(Time(t, format="mjd")))
    parts = [scipy.integrate.quad(f, a, b, limit=200, epsabs=0, epsrel=1e-13)[0] for a, b in zip(t_min, t_max)]
    return np.array(parts) / np.sum(t_max - t_min)


def spatial_case(model, lon, lat):
    value = model(lon * u.deg, lat * u.deg).to_value("sr-1")
    return {"tag": model.tag[0], "frame": model.frame, "parameters": params(model), "lon": lon.tolist(), "lat": lat.tolist(), "value": clean(value)}


def t_ref_of(model):
    return model.t_ref.value if "t_ref" in model.parameters.names else 51544.0


def temporal_case(model):
    t0 = t_ref_of(model)
    times = Time(t0 + DT, format="mjd")
    t_min, t_max = Time(t0 + DT_MIN, format="mjd"), Time(t0 + DT_MAX, format="mjd")
    # Some closed forms return e.g. h / d (sigma in hours): reduce to a plain number.
    integral = u.Quantity(model.integral(t_min, t_max)).to_value(u.dimensionless_unscaled)
    out = {
        "tag": model.tag[0],
        "parameters": params(model),
        "time": (t0 + DT).tolist(),
        "value": clean(model(times)),
        "t_min": (t0 + DT_MIN).tolist(),
        "t_max": (t0 + DT_MAX).tolist(),
        "integral": clean(integral),
        "exact_integral": clean(exact_integral(model, t0 + DT_MIN, t0 + DT_MAX)),
    }
    return out


def reference():
    spatial = {}
    gg = GeneralizedGaussianSpatialModel(lon_0="1 deg", lat_0="2 deg", r_0="0.3 deg", eta=0.7, e=0.5, phi="30 deg", frame="galactic")
    spatial["gauss-general-e-phi"] = spatial_case(gg, 1 + DLON, 2 + DLAT)
    gg0 = GeneralizedGaussianSpatialModel(lon_0="83.6 deg", lat_0="22 deg", r_0="0.5 deg", eta=0.2)
    spatial["gauss-general-circular"] = spatial_case(gg0, 83.6 + DLON, 22 + DLAT)
    ggl = GeneralizedGaussianSpatialModel(lon_0="200 deg", lat_0="-80 deg", r_0="0.2 deg", eta=1.0, e=0.8, phi="-60 deg")
    spatial["gauss-general-laplace-high-lat"] = spatial_case(ggl, 200 + 3 * DLON, -80 + 0.5 * DLAT)
    # Shells: points along a meridian at separations 0, inside, just inside/at/just past
    # r_in, between, at/just past r_out, outside.
    sep = np.array([0.0, 0.25, 0.5 - 1e-7, 0.5, 0.5 + 1e-7, 0.55, 0.6 - 1e-7, 0.6 + 1e-7, 0.8])
    shell = ShellSpatialModel(lon_0="83.6 deg", lat_0="22 deg", radius="0.5 deg", width="0.1 deg")
    spatial["shell"] = spatial_case(shell, np.full(sep.size, 83.6), 22 + sep)
    shell2 = Shell2SpatialModel(lon_0="10 deg", lat_0="-3 deg", r_0="0.6 deg", eta=1 / 6, frame="galactic")
    spatial["shell2"] = spatial_case(shell2, np.full(sep.size, 10.0), -3 - sep)
    shell_wide = ShellSpatialModel(lon_0="0 deg", lat_0="0 deg", radius="2 deg", width="1.5 deg")
    spatial["shell-wide-diagonal"] = spatial_case(shell_wide, DLON * 5, DLAT * 5)
    radii = {
        "gauss-general-e-phi": gg.evaluation_radius.to_value("deg"),
        "gauss-general-circular": gg0.evaluation_radius.to_value("deg"),
        "shell": shell.evaluation_radius.to_value("deg"),
        "shell2": shell2.evaluation_radius.to_value("deg"),
    }
    temporal = {
        "const": temporal_case(ConstantTemporalModel()),
        "linear": temporal_case(LinearTemporalModel(alpha=1.5, beta=0.3 / u.d, t_ref=59000 * u.d)),
        "exp-decay": temporal_case(ExpDecayTemporalModel(t0="2.5 d", t_ref=59000.25 * u.d)),
        "gauss": temporal_case(GaussianTemporalModel(t_ref=59001 * u.d, sigma="18 h")),
        "gengauss": temporal_case(GeneralizedGaussianTemporalModel(t_ref=59001 * u.d, t_rise="6 h", t_decay="2 d", eta=0.8)),
        "powerlaw": temporal_case(PowerLawTemporalModel(alpha=-1.3, t_ref=58999 * u.d, t0="0.5 d")),
        "powerlaw-minus-one": temporal_case(PowerLawTemporalModel(alpha=-1.0, t_ref=58999 * u.d)),
        "sinus": temporal_case(SineTemporalModel(amp=0.4, omega="2.1 rad/day", t_ref=59000.1 * u.d)),
    }
    # integral normalisation: each interval over the summed duration of all of them
    c = ConstantTemporalModel()
    share = c.integral(Time([59000.0, 59010.0], format="mjd"), Time([59001.0, 59013.0], format="mjd"))
    return {"spatial": spatial, "evaluation_radius": radii, "temporal": temporal, "constant_shares": clean(share)}


def write_files(directory):
    os.chdir(directory)
    # 2D template: CAR around (0, 0) galactic, so that longitudes wrap at 360.
    geom = WcsGeom.create(skydir=(0, 0), binsz=0.1, width=(2, 1.5), frame="galactic", proj="CAR")
    y, x = np.mgrid[0:15, 0:20]
    WcsNDMap(geom, data=(1.0 + x + 2.0 * y)).write("tpl2d.fits", overwrite=True)
    # 3D template: ICRS CAR with an energy_true axis of 3 bins.
    axis = MapAxis.from_energy_bounds("1 TeV", "100 TeV", nbin=3, name="energy_true")
    geom3 = WcsGeom.create(skydir=(150, 0), binsz=0.2, width=(3, 2), frame="icrs", proj="CAR", axes=[axis])
    k, y3, x3 = np.mgrid[0:3, 0:10, 0:15]
    WcsNDMap(geom3, data=(1.0 + x3 + 2.0 * y3 + 5.0 * k * x3)).write("tpl3d.fits", overwrite=True)
    lc = Table({"TIME": [0.0, 1.0, 2.0, 4.0], "NORM": [1.0, 3.0, 2.0, 0.5]})
    lc.meta = {"MJDREFI": 59000, "MJDREFF": 0.5, "TIMEUNIT": "d", "TIMESYS": "tt"}
    lc.write("lc.fits", overwrite=True)


def write(directory):
    write_files(directory)
    pl = lambda: PowerLawSpectralModel(index=2.4, amplitude="2e-12 cm-2 s-1 TeV-1")
    gg = GeneralizedGaussianSpatialModel(lon_0="1 deg", lat_0="2 deg", r_0="0.3 deg", eta=0.7, e=0.5, phi="30 deg", frame="galactic")
    shell = ShellSpatialModel(lon_0="83.6 deg", lat_0="22 deg", radius="0.5 deg", width="0.1 deg")
    shell.width.min = 0.01
    shell2 = Shell2SpatialModel(lon_0="10 deg", lat_0="-3 deg", r_0="0.6 deg", eta=0.25, frame="galactic")
    t2 = TemplateSpatialModel.read("tpl2d.fits")
    t3 = TemplateSpatialModel.read("tpl3d.fits")
    t2raw = TemplateSpatialModel.read("tpl2d.fits", normalize=False)
    models = Models(
        [
            SkyModel(spectral_model=pl(), spatial_model=gg, temporal_model=ConstantTemporalModel(), name="a"),
            SkyModel(spectral_model=pl(), spatial_model=shell, temporal_model=LinearTemporalModel(alpha=1.5, beta=0.3 / u.d, t_ref=59000 * u.d), name="b"),
            SkyModel(spectral_model=pl(), spatial_model=shell2, temporal_model=ExpDecayTemporalModel(t0="2.5 d", t_ref=59000.25 * u.d), name="c"),
            SkyModel(spectral_model=pl(), spatial_model=t2, temporal_model=GaussianTemporalModel(t_ref=59001 * u.d, sigma="18 h"), name="d"),
            SkyModel(spectral_model=pl(), spatial_model=t3, temporal_model=GeneralizedGaussianTemporalModel(t_ref=59001 * u.d, t_rise="6 h", t_decay="2 d", eta=0.8), name="e"),
            SkyModel(spectral_model=pl(), spatial_model=t2raw, temporal_model=PowerLawTemporalModel(alpha=-1.3, t_ref=58999 * u.d, t0="0.5 d"), name="f"),
            SkyModel(spectral_model=pl(), spatial_model=PointSpatialModel(lon_0="5 deg", lat_0="5 deg"), temporal_model=SineTemporalModel(amp=0.4, omega="2.1 rad/day", t_ref=59000.1 * u.d), name="g"),
            SkyModel(spectral_model=pl(), temporal_model=LightCurveTemplateTemporalModel.read("lc.fits"), name="h"),
        ]
    )
    cov = np.asarray(models.covariance.data).copy()
    for i, p in enumerate(models.parameters):
        if not p.frozen:
            cov[i, i] = (0.05 * abs(p.value) if p.value != 0 else 1e-3) ** 2
    models.covariance = cov
    models.write("models.yaml", overwrite=True)
    return dump(models)


def dump(models):
    rows = []
    for name, p in zip(models.parameters_unique_names, models.parameters):
        rows.append(
            {
                "id": name,
                "value": p.value,
                "unit": p.unit.to_string("fits"),
                "min": None if np.isnan(p.min) else p.min,
                "max": None if np.isnan(p.max) else p.max,
                "frozen": bool(p.frozen),
                "error": p.error,
            }
        )
    out = {"names": models.names, "types": {}, "frames": {}, "parameters": rows, "spatial": {}, "temporal": {}, "files": {}}
    out["covariance"] = np.asarray(models.covariance.data).ravel().tolist()
    for m in models:
        sp, tm = m.spatial_model, m.temporal_model
        out["types"][m.name] = [m.spectral_model.tag[0], sp.tag[0] if sp else None, tm.tag[0] if tm else None]
        if sp is not None:
            out["frames"][m.name] = sp.frame
            if not isinstance(sp, PointSpatialModel):
                c = sp.position
                lon, lat = c.data.lon.deg + DLON, c.data.lat.deg + DLAT
                energy = ENERGY * u.TeV if sp.is_energy_dependent else None
                value = sp(lon * u.deg, lat * u.deg, energy=energy) if energy is not None else sp(lon * u.deg, lat * u.deg)
                out["spatial"][m.name] = {
                    "lon": lon.tolist(),
                    "lat": lat.tolist(),
                    "energy": None if energy is None else ENERGY.tolist(),
                    "value": clean(value.to_value("sr-1") if value.unit.is_equivalent("sr-1") else value.value),
                    "unit": "sr-1" if value.unit.is_equivalent("sr-1") else value.unit.to_string("fits"),
                    "evaluation_radius": sp.evaluation_radius.to_value("deg"),
                }
            if isinstance(sp, TemplateSpatialModel):
                out["files"][m.name + ".spatial"] = {"filename": sp.filename, "normalize": sp.normalize}
        if tm is not None:
            case = temporal_case(tm)
            out["temporal"][m.name] = {k: case[k] for k in ["time", "value", "t_min", "t_max", "integral", "exact_integral"]}
            if isinstance(tm, LightCurveTemplateTemporalModel):
                out["files"][m.name + ".temporal"] = {"filename": tm.filename}
    return out


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "reference":
        out = reference()
    elif mode == "write":
        out = write(sys.argv[2])
    elif mode == "read":
        path = os.path.abspath(sys.argv[2])
        os.chdir(os.path.dirname(path))
        out = dump(Models.read(os.path.basename(path)))
    else:
        path = os.path.abspath(sys.argv[3])
        written = write(sys.argv[2])
        os.chdir(os.path.dirname(path))
        out = {"written": written, "read": dump(Models.read(os.path.basename(path)))}
    print(json.dumps(out))
