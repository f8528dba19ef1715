#!/usr/bin/python3
"""Reference numbers for the 3D reduce tests: Gammapy 1.0's MapDatasetMaker, SafeMaskMaker on
map datasets, FoVBackgroundMaker, RingBackgroundMaker and the 3D DatasetsMaker loop on H.E.S.S.
DR1 runs. JSON request on stdin, JSON on stdout.

Request: {"obs_ids": [...], "skydir": [ra, dec], "binsz": deg, "width": deg, "binsz_irf": deg,
          "energy": [min, max, nbins], "energy_true": [min, max, nbins], "offset_max": deg,
          "exclusion": [ra, dec, radius], "ring": [r_in, width], "step": sampling stride,
          "mask_energy": [min, max, nbins], "mask_energy_true": [min, max, nbins]}
The safe-mask methods run on a dataset with the wider "mask_energy" axes, so that every
threshold cuts somewhere.

Large maps are reported as per-plane sums and as the values at flat indices 0, step, 2 step, ...
"""
import json
import sys
import warnings

warnings.simplefilter("ignore")
import numpy as np  # noqa: E402
import astropy.units as u  # noqa: E402
from astropy.coordinates import SkyCoord  # noqa: E402
from regions import CircleSkyRegion  # noqa: E402
from gammapy.data import DataStore  # noqa: E402
from gammapy.datasets import MapDataset  # noqa: E402
from gammapy.makers import (  # noqa: E402
    DatasetsMaker,
    FoVBackgroundMaker,
    MapDatasetMaker,
    RingBackgroundMaker,
    SafeMaskMaker,
)
from gammapy.maps import MapAxis, WcsGeom  # noqa: E402
from gammapy.modeling.models import PowerLawNormSpectralModel  # noqa: E402

req = json.load(sys.stdin)
STEP = req["step"]


def lst(a):
    return [None if not np.isfinite(v) else float(v) for v in np.asarray(a, dtype=float).ravel()]


def sample(a):
    return lst(np.asarray(a, dtype=float).ravel()[::STEP])


def plane_sums(a):
    a = np.asarray(a, dtype=float)
    return lst(np.nansum(a.reshape(-1, a.shape[-2] * a.shape[-1]), axis=1))


def summary(m, unit=None):
    data = m.data if unit is None else m.quantity.to_value(unit)
    return {"shape": list(m.data.shape), "sums": plane_sums(data), "sample": sample(data)}


def sparse(a):
    flat = np.asarray(a, dtype=float).ravel()
    idx = np.nonzero(flat)[0]
    return [[int(i), float(flat[i])] for i in idx]


def geom_info(g):
    return {"npix": [int(n) for n in np.ravel(g.npix)[:2]] if np.ndim(g.npix[0]) == 0 else [int(g.npix[0][0]), int(g.npix[1][0])],
            "crpix": lst(g.wcs.wcs.crpix)}


store = DataStore.from_dir("$GAMMAPY_DATA/hess-dl3-dr1")
observations = store.get_observations(req["obs_ids"])
e, et = req["energy"], req["energy_true"]
energy = MapAxis.from_energy_bounds(e[0], e[1], e[2], unit="TeV")
energy_true = MapAxis.from_energy_bounds(et[0], et[1], et[2], unit="TeV", name="energy_true")
skydir = SkyCoord(req["skydir"][0], req["skydir"][1], unit="deg", frame="icrs")
geom = WcsGeom.create(skydir=skydir, binsz=req["binsz"], width=req["width"], frame="icrs", proj="CAR", axes=[energy])
offset_max = req["offset_max"] * u.deg
ex = req["exclusion"]
exclusion_region = CircleSkyRegion(SkyCoord(ex[0], ex[1], unit="deg"), ex[2] * u.deg)
exclusion = ~geom.to_image().region_mask([exclusion_region])


def reference(name="stacked", g=geom):
    return MapDataset.create(g, energy_axis_true=energy_true, binsz_irf=req["binsz_irf"], name=name)


def fov_norm(ds, **kwargs):
    d = FoVBackgroundMaker(**kwargs).run(ds.copy(name=ds.name))
    sm = d.models[f"{ds.name}-bkg"].spectral_model
    return {"norm": float(sm.norm.value), "norm_error": float(sm.norm.error),
            "tilt": float(sm.tilt.value), "mask_safe": int(d.mask_safe.data.sum())}


out = {"runs": []}
maker = MapDatasetMaker()
for obs in observations:
    run = {"obs_id": int(obs.obs_id)}
    cut = reference().cutout(position=obs.pointing_radec.galactic, width=2 * offset_max, mode="trim")
    run["geom"] = geom_info(cut.counts.geom)
    run["geom_irf"] = geom_info(cut.psf.psf_map.geom)
    ds = maker.run(cut, obs)
    run["counts"] = sparse(ds.counts.data)
    run["counts_sums"] = plane_sums(ds.counts.data)
    run["exposure"] = summary(ds.exposure, "cm2 s")
    run["livetime"] = float(ds.exposure.meta["livetime"].to_value("s"))
    run["background"] = summary(ds.background)
    run["psf"] = summary(ds.psf.psf_map, "sr-1")
    run["psf_exposure"] = summary(ds.psf.exposure_map, "cm2 s")
    run["edisp"] = summary(ds.edisp.edisp_map)
    run["edisp_exposure"] = summary(ds.edisp.exposure_map, "cm2 s")
    run["gti_start"] = lst(ds.gti.time_start.mjd)
    run["gti_stop"] = lst(ds.gti.time_stop.mjd)
    run["meta"] = {k: (v[0].item() if hasattr(v[0], "item") else str(v[0])) for k, v in ds.meta_table.items()}

    em, etm = req["mask_energy"], req["mask_energy_true"]
    geom_m = geom.to_image().to_cube([MapAxis.from_energy_bounds(em[0], em[1], em[2], unit="TeV")])
    ref_m = MapDataset.create(
        geom_m, energy_axis_true=MapAxis.from_energy_bounds(etm[0], etm[1], etm[2], unit="TeV", name="energy_true"),
        binsz_irf=req["binsz_irf"], name="masks",
    )
    dsm = maker.run(ref_m.cutout(position=obs.pointing_radec.galactic, width=2 * offset_max, mode="trim"), obs)
    masks = {}
    cases = {
        "offset-max": dict(methods=["offset-max"], offset_max=offset_max),
        "aeff-default": dict(methods=["aeff-default"]),
        "aeff-max": dict(methods=["aeff-max"], aeff_percent=10),
        "aeff-max-offset": dict(methods=["aeff-max"], aeff_percent=10, fixed_offset=1.0 * u.deg),
        "aeff-max-position": dict(methods=["aeff-max"], aeff_percent=10, position=SkyCoord(83.0, 22.5, unit="deg")),
        "edisp-bias": dict(methods=["edisp-bias"], bias_percent=10),
        "edisp-bias-offset": dict(methods=["edisp-bias"], bias_percent=10, fixed_offset=1.0 * u.deg),
        "edisp-bias-position": dict(methods=["edisp-bias"], bias_percent=10, position=SkyCoord(83.0, 22.5, unit="deg")),
        "bkg-peak": dict(methods=["bkg-peak"]),
    }
    for key, kwargs in cases.items():
        m = SafeMaskMaker(**kwargs).run(dsm.copy(name=dsm.name), obs).mask_safe.data
        masks[key] = {"sums": plane_sums(m), "sample": sample(m)}
    run["masks"] = masks

    safe = SafeMaskMaker(methods=["offset-max"], offset_max=offset_max).run(ds.copy(name=ds.name), obs)
    run["counts_in_safe"] = float(safe.counts.data[safe.mask_safe.data].sum())
    run["fov"] = {
        "scale": fov_norm(safe, method="scale"),
        "scale_excl": fov_norm(safe, method="scale", exclusion_mask=exclusion),
        "fit_excl": fov_norm(safe, method="fit", exclusion_mask=exclusion),
    }
    free = PowerLawNormSpectralModel()
    free.tilt.frozen = False
    run["fov"]["fit_tilt_excl"] = fov_norm(safe, method="fit", exclusion_mask=exclusion, spectral_model=free)
    out["runs"].append(run)

# The analysis loop as Analysis._map_making does it: MapDatasetMaker, SafeMaskMaker (offset-max),
# FoVBackgroundMaker (scale), cut-outs of 2 x offset_max around each pointing.
makers = [maker, SafeMaskMaker(methods=["offset-max"], offset_max=offset_max), FoVBackgroundMaker(method="scale")]
stacked = DatasetsMaker(makers, stack_datasets=True, cutout_mode="trim", cutout_width=2 * offset_max).run(
    reference(), observations
)[0]
out["stacked"] = {
    "counts": summary(stacked.counts),
    "counts_in_safe": float(stacked.counts.data[stacked.mask_safe.data].sum()),
    "background": summary(stacked.background),
    "background_in_safe": float(stacked.background.data[stacked.mask_safe.data].sum()),
    "exposure": summary(stacked.exposure, "cm2 s"),
    "livetime": float(stacked.exposure.meta["livetime"].to_value("s")),
    "mask_safe": {"sums": plane_sums(stacked.mask_safe.data)},
    "psf": summary(stacked.psf.psf_map, "sr-1"),
    "edisp": summary(stacked.edisp.edisp_map),
}
joint = DatasetsMaker(makers, stack_datasets=False, cutout_mode="trim", cutout_width=2 * offset_max).run(
    reference(), observations
)
out["joint"] = [
    {"shape": list(d.counts.data.shape), "counts_in_safe": float(d.counts.data[d.mask_safe.data].sum()),
     "norm": float(d.models[0].spectral_model.norm.value)}
    for d in joint
]

# Ring background on a one-bin energy geometry, per run (after the safe mask) and stacked.
energy1 = MapAxis.from_energy_bounds(e[0], e[1], 1, unit="TeV")
geom1 = geom.to_image().to_cube([energy1])
ring = RingBackgroundMaker(r_in=req["ring"][0] * u.deg, width=req["ring"][1] * u.deg, exclusion_mask=exclusion)
ring_out = []
for obs in observations:
    cut = reference(g=geom1).cutout(position=obs.pointing_radec.galactic, width=2 * offset_max, mode="trim")
    ds = SafeMaskMaker(methods=["offset-max"], offset_max=offset_max).run(maker.run(cut, obs), obs)
    onoff = ring.run(ds)
    ring_out.append({
        "counts_off": summary(onoff.counts_off),
        "acceptance": summary(onoff.acceptance),
        "acceptance_off": summary(onoff.acceptance_off),
        "alpha": summary(onoff.alpha),
        "mask_safe": int(onoff.mask_safe.data.sum()),
    })
out["ring"] = ring_out
json.dump(out, sys.stdout)
