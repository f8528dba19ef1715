"""Runs Gammapy 1.0's FluxPointsEstimator / LightCurveEstimator on spectrum datasets
given as plain arrays (JSON on stdin) and prints the result tables as JSON on stdout.
Used by the live cross-checks of @gammats/estimators; run with /usr/bin/python3."""
import json
import sys
import warnings

import numpy as np

warnings.simplefilter("ignore")
import astropy.units as u  # noqa: E402
from astropy.time import Time  # noqa: E402
from gammapy.data import GTI  # noqa: E402
from gammapy.datasets import SpectrumDataset, SpectrumDatasetOnOff  # noqa: E402
from gammapy.estimators import FluxPointsEstimator, LightCurveEstimator  # noqa: E402
from gammapy.maps import MapAxis, RegionGeom, RegionNDMap  # noqa: E402
from gammapy.modeling.models import PowerLawSpectralModel, SkyModel  # noqa: E402


def make_dataset(spec, model):
    e_reco = MapAxis.from_energy_edges(spec["energyEdges"], unit="TeV", name="energy")
    e_true = MapAxis.from_energy_edges(spec["energyTrueEdges"], unit="TeV", name="energy_true")
    geom = RegionGeom.create("icrs;circle(83.63,22.01,0.11)", axes=[e_reco])
    ds = SpectrumDataset.create(geom=geom, energy_axis_true=e_true, name=spec["name"])
    nt, nr = e_true.nbin, e_reco.nbin
    ds.edisp.edisp_map.data[:, :, 0, 0] = np.array(spec["edisp"]).reshape(nt, nr)
    ds.exposure.quantity = np.array(spec["exposure"]).reshape(nt, 1, 1) * u.Unit("cm2 s")
    ds.counts.data[:, 0, 0] = spec["counts"]
    if "maskSafe" in spec:
        ds.mask_safe.data[:, 0, 0] = np.array(spec["maskSafe"], dtype=bool)
    else:
        ds.mask_safe = None
    if spec["kind"] == "spectrum":
        ds.background.data[:, 0, 0] = spec["background"]
    else:
        ds.background = None
        counts_off = RegionNDMap.from_geom(geom, data=np.array(spec["countsOff"]).reshape(nr, 1, 1))
        acc = RegionNDMap.from_geom(geom, data=np.array(spec["acceptance"]).reshape(nr, 1, 1))
        acc_off = RegionNDMap.from_geom(geom, data=np.array(spec["acceptanceOff"]).reshape(nr, 1, 1))
        ds = SpectrumDatasetOnOff.from_spectrum_dataset(
            dataset=ds, counts_off=counts_off, acceptance=acc, acceptance_off=acc_off, name=spec["name"]
        )
    if "gti" in spec:
        ref = Time(spec["gti"]["mjdRef"], format="mjd", scale="tt")
        ds.gti = GTI.create(spec["gti"]["start"] * u.s, spec["gti"]["stop"] * u.s, reference_time=ref)
    ds.models = model
    return ds


def table_json(table):
    out = {"meta": {k: v for k, v in table.meta.items()}, "columns": {}}
    for name in table.colnames:
        col = table[name]
        data = np.asarray(col.data)
        out["columns"][name] = {
            "shape": list(data.shape),
            "unit": None if col.unit is None else col.unit.to_string("fits"),
            # NaN as null: JSON has no NaN.
            "data": [None if not np.isfinite(v) else v for v in data.astype(float).ravel().tolist()],
        }
    return out


def power_law_model(m, name):
    spectral = PowerLawSpectralModel(
        index=m["index"], amplitude=m["amplitude"] * u.Unit("cm-2 s-1 TeV-1"), reference=m["reference"] * u.TeV
    )
    spectral.index.frozen = m.get("indexFrozen", False)
    return SkyModel(spectral_model=spectral, name=name, datasets_names=m.get("datasetsNames"))


def run_job(spec):
    models = [power_law_model(spec["model"], "src")]
    models += [power_law_model(m, m["name"]) for m in spec.get("extraModels", [])]
    datasets = [make_dataset(d, models) for d in spec["datasets"]]
    est = spec["estimator"]
    kwargs = dict(
        energy_edges=est["energyEdges"] * u.TeV,
        source="src",
        selection_optional=est.get("selectionOptional"),
        reoptimize=est.get("reoptimize", False),
    )
    for key, name in [("normMin", "norm_min"), ("normMax", "norm_max"), ("normNValues", "norm_n_values"), ("nSigmaUl", "n_sigma_ul")]:
        if key in est:
            kwargs[name] = est[key]
    if spec["kind"] == "lc":
        intervals = est.get("timeIntervals")
        if intervals is not None:
            kwargs["time_intervals"] = [Time(t, format="mjd", scale="tt") for t in intervals]
        result = LightCurveEstimator(**kwargs).run(datasets)
        return {s: table_json(result.to_table(sed_type=s, format="lightcurve")) for s in spec["sedTypes"]}
    result = FluxPointsEstimator(**kwargs).run(datasets)
    return {s: table_json(result.to_table(sed_type=s)) for s in spec["sedTypes"]}


def main():
    """Input: {"jobs": [job, ...]}; output: one {sed_type: table} per job."""
    jobs = json.load(sys.stdin)["jobs"]
    json.dump([run_job(job) for job in jobs], sys.stdout)


main()
