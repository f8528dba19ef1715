"""Reference numbers from Gammapy 1.0 for the gammats modeling tests.

Run with the Python that has Gammapy (e.g. /usr/bin/python3); prints JSON on stdout.
The tests compare gammats against this output live, and against a stored copy
(fixtures/gammapy-1.0-reference.json) when Python or Gammapy is missing.
"""
import json
import warnings

warnings.simplefilter("ignore")

import numpy as np
import astropy.units as u
import gammapy
from gammapy.modeling.models import (
    BrokenPowerLawSpectralModel,
    ConstantSpectralModel,
    DiskSpatialModel,
    ExpCutoffPowerLawNormSpectralModel,
    ExpCutoffPowerLawSpectralModel,
    GaussianSpatialModel,
    GaussianSpectralModel,
    LogParabolaNormSpectralModel,
    LogParabolaSpectralModel,
    PowerLaw2SpectralModel,
    PowerLawNormSpectralModel,
    PowerLawSpectralModel,
    SmoothBrokenPowerLawSpectralModel,
)

ENERGY = np.array([0.1, 0.5, 1.0, 3.0, 10.0, 50.0]) * u.TeV
EMIN = np.array([0.1, 1.0, 3.0, 1.0]) * u.TeV
EMAX = np.array([1.0, 10.0, 30.0, 100.0]) * u.TeV

SPECTRAL = {
    "pl": PowerLawSpectralModel(index=2.3, amplitude="3e-12 cm-2 s-1 TeV-1", reference="1 TeV"),
    "pl-gev": PowerLawSpectralModel(index=2.0, amplitude="3e-15 cm-2 s-1 GeV-1", reference="500 GeV"),
    "pl-2": PowerLaw2SpectralModel(amplitude="2e-12 cm-2 s-1", index=2.4, emin="0.2 TeV", emax="50 TeV"),
    "ecpl": ExpCutoffPowerLawSpectralModel(
        index=1.8, amplitude="2e-12 cm-2 s-1 TeV-1", reference="1 TeV", lambda_="0.08 TeV-1", alpha=1.2
    ),
    "lp": LogParabolaSpectralModel(amplitude="4e-12 cm-2 s-1 TeV-1", reference="2 TeV", alpha=2.2, beta=0.3),
    "bpl": BrokenPowerLawSpectralModel(index1=1.7, index2=2.9, amplitude="1e-12 cm-2 s-1 TeV-1", ebreak="3 TeV"),
    "sbpl": SmoothBrokenPowerLawSpectralModel(
        index1=1.7, index2=2.9, amplitude="1e-12 cm-2 s-1 TeV-1", ebreak="3 TeV", reference="1 TeV", beta=1.5
    ),
    "const": ConstantSpectralModel(const="2e-12 cm-2 s-1 TeV-1"),
    "gauss": GaussianSpectralModel(amplitude="1e-12 cm-2 s-1", mean="3 TeV", sigma="1 TeV"),
    "pl-norm": PowerLawNormSpectralModel(norm=1.2, tilt=0.1, reference="1 TeV"),
    "ecpl-norm": ExpCutoffPowerLawNormSpectralModel(index=0.5, norm=1.1, lambda_="0.05 TeV-1", alpha=2),
    "lp-norm": LogParabolaNormSpectralModel(norm=0.9, reference="1 TeV", alpha=0.3, beta=0.1),
}


def params(model):
    return [{"name": p.name, "value": p.value, "unit": p.unit.to_string("fits")} for p in model.parameters]


def spectral_case(model):
    """Values in gammats' units: dN/dE cm-2 s-1 TeV-1, flux cm-2 s-1, energy flux TeV cm-2 s-1
    (norm models: 1, TeV, TeV2)."""
    norm = model.is_norm_spectral_model
    dnde_unit, flux_unit, eflux_unit = ("", "TeV", "TeV2") if norm else (
        "cm-2 s-1 TeV-1", "cm-2 s-1", "TeV cm-2 s-1")
    out = {"tag": model.tag[0], "parameters": params(model)}
    out["dnde"] = model(ENERGY).to_value(dnde_unit).tolist()
    out["integral"] = model.integral(EMIN, EMAX).to_value(flux_unit).tolist()
    # one bin at a time as well: Gammapy's grid depends on the widest bin of a call
    out["integral_single"] = [float(model.integral(a, b).to_value(flux_unit)) for a, b in zip(EMIN, EMAX)]
    out["energy_flux"] = model.energy_flux(EMIN, EMAX).to_value(eflux_unit).tolist()
    out["e2dnde"] = (model(ENERGY) * ENERGY**2).to_value(eflux_unit).tolist()
    return out


def error_case():
    pl = PowerLawSpectralModel(index=2.3, amplitude="3e-12 cm-2 s-1 TeV-1")
    pl.covariance = [[0.01, 1e-14, 0], [1e-14, 4e-26, 0], [0, 0, 0]]
    ecpl = ExpCutoffPowerLawSpectralModel(index=1.8, amplitude="2e-12 cm-2 s-1 TeV-1", lambda_="0.08 TeV-1")
    ecpl.covariance = np.diag([0.04, 1e-26, 0, 1e-4, 0])
    ecpl.covariance.data[0, 3] = ecpl.covariance.data[3, 0] = 5e-4
    ecpl.covariance = ecpl.covariance.data
    out = {}
    for key, m in [("pl", pl), ("ecpl", ecpl)]:
        dnde, dnde_err = m.evaluate_error(ENERGY)
        flux, flux_err = m.integral_error(EMIN, EMAX)
        ef, ef_err = m.energy_flux_error(EMIN, EMAX)
        out[key] = {
            "covariance": np.asarray(m.covariance.data).ravel().tolist(),
            "parameters": params(m),
            "tag": m.tag[0],
            "dnde": dnde.to_value("cm-2 s-1 TeV-1").tolist(),
            "dnde_err": dnde_err.to_value("cm-2 s-1 TeV-1").tolist(),
            "flux": flux.to_value("cm-2 s-1").tolist(),
            "flux_err": flux_err.to_value("cm-2 s-1").tolist(),
            "eflux": ef.to_value("TeV cm-2 s-1").tolist(),
            "eflux_err": ef_err.to_value("TeV cm-2 s-1").tolist(),
        }
    out["pl_pivot_energy"] = pl.pivot_energy.to_value("TeV")
    return out


LON = np.array([83.6, 83.7, 83.45, 83.9, 84.5, 83.6, 82.0, 83.6, 83.6, 84.1, 83.8])
LAT = np.array([22.0, 22.1, 21.8, 22.0, 22.5, 23.0, 21.0, 22.49, 22.52, 22.0, 21.75])

SPATIAL = {
    "gauss": GaussianSpatialModel(lon_0="83.6 deg", lat_0="22.0 deg", sigma="0.3 deg"),
    "gauss-elongated": GaussianSpatialModel(lon_0="83.6 deg", lat_0="22.0 deg", sigma="0.3 deg", e=0.6, phi="30 deg"),
    "gauss-wide": GaussianSpatialModel(lon_0="83.6 deg", lat_0="22.0 deg", sigma="5 deg"),
    "disk": DiskSpatialModel(lon_0="83.6 deg", lat_0="22.0 deg", r_0="0.5 deg", edge_width=0.1),
    "disk-elongated": DiskSpatialModel(lon_0="83.6 deg", lat_0="22.0 deg", r_0="0.5 deg", e=0.8, phi="45 deg", edge_width=0.2),
}


def spatial_case(model):
    value = model(LON * u.deg, LAT * u.deg)
    return {"tag": model.tag[0], "parameters": params(model), "frame": model.frame, "value": value.to_value("sr-1").tolist()}


def galactic_model_at_icrs_points():
    """A galactic-frame model evaluated at ICRS positions (converted by astropy, as evaluate_geom does)."""
    from astropy.coordinates import SkyCoord

    model = GaussianSpatialModel(lon_0="184.56 deg", lat_0="-5.78 deg", sigma="0.4 deg", e=0.5, phi="60 deg", frame="galactic")
    points = SkyCoord(LON * u.deg, LAT * u.deg, frame="icrs").transform_to("galactic")
    out = spatial_case(model)
    out["value"] = model(points.l, points.b).to_value("sr-1").tolist()
    return out


print(
    json.dumps(
        {
            "gammapy": gammapy.__version__,
            "energy": ENERGY.value.tolist(),
            "emin": EMIN.value.tolist(),
            "emax": EMAX.value.tolist(),
            "spectral": {k: spectral_case(m) for k, m in SPECTRAL.items()},
            "errors": error_case(),
            "lon": LON.tolist(),
            "lat": LAT.tolist(),
            "spatial": {k: spatial_case(m) for k, m in SPATIAL.items()},
            "spatial_icrs_points": galactic_model_at_icrs_points(),
        },
        indent=1,
    )
)
