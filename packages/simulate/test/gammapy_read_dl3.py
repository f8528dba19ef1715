"""Reads the simulated data stores with Gammapy 1.0 and prints what it sees as JSON.

Usage: /usr/bin/python3 gammapy_read_dl3.py <test-data directory>
"""
import json
import logging
import sys
import warnings

warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)

import astropy.units as u  # noqa: E402
from gammapy.data import DataStore  # noqa: E402


def full_enclosure(path):
    rows = []
    for o in DataStore.from_dir(path).get_observations():
        bkg = o.bkg
        if bkg.tag == "bkg_2d":
            rate = bkg.evaluate(energy=1 * u.TeV, offset=0.5 * u.deg)
        else:
            rate = bkg.evaluate(energy=1 * u.TeV, fov_lon=0.5 * u.deg, fov_lat=0 * u.deg)
        rows.append({
            "obs_id": int(o.obs_id),
            "n_events": len(o.events.table),
            "livetime": float(o.observation_live_time_duration.to_value("s")),
            "gti": float(o.gti.time_sum.to_value("s")),
            "ra_pnt": float(o.pointing_radec.ra.deg),
            "dec_pnt": float(o.pointing_radec.dec.deg),
            "energy_sum": float(o.events.energy.to_value("TeV").sum()),
            "aeff": float(o.aeff.evaluate(energy_true=1 * u.TeV, offset=0.5 * u.deg).to_value("cm2")),
            "edisp": float(o.edisp.evaluate(energy_true=1 * u.TeV, migra=1.0, offset=0.5 * u.deg)),
            "psf_r68": float(o.psf.containment_radius(0.68, energy_true=1 * u.TeV, offset=0.5 * u.deg).to_value("deg")),
            "bkg": float(rate.to_value("s-1 TeV-1 sr-1")),
            "tags": [o.aeff.tag, o.edisp.tag, o.psf.tag, bkg.tag],
        })
    return rows


def point_like(path):
    rows = []
    for o in DataStore.from_dir(path).get_observations(required_irf="point-like"):
        rows.append({
            "obs_id": int(o.obs_id),
            "n_events": len(o.events.table),
            "aeff": float(o.aeff.evaluate(energy_true=1 * u.TeV, offset=0.5 * u.deg).to_value("cm2")),
            "aeff_point_like": bool(o.aeff.is_pointlike),
            "edisp_point_like": bool(o.edisp.is_pointlike),
            "rad_max": float(o.rad_max.evaluate(energy=1 * u.TeV, offset=0.5 * u.deg).to_value("deg")),
        })
    return rows


if __name__ == "__main__":
    root = sys.argv[1]
    print(json.dumps({"full": full_enclosure(f"{root}/dl3"), "point_like": point_like(f"{root}/dl3-point-like")}))
