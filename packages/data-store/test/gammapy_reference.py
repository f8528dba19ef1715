"""Reference numbers from Gammapy 1.0 for the data-store tests (JSON on stdout).

Usage: gammapy_reference.py static            numbers on $GAMMAPY_DATA (H.E.S.S. DR1, CTA 1DC)
       gammapy_reference.py skip STORE_DIR    ids Gammapy selects from a store copy
"""
import json
import logging
import sys
import warnings

warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)

import numpy as np
import astropy.units as u
from astropy.coordinates import SkyCoord
from astropy.time import Time
from gammapy.analysis import Analysis, AnalysisConfig
from gammapy.data import DataStore


def select(**observations):
    config = AnalysisConfig()
    for key, value in observations.items():
        setattr(config.observations, key, value)
    analysis = Analysis(config)
    analysis.get_observations()
    return analysis.observations


def run_numbers(obs):
    events = obs.events
    altaz = obs.pointing_altaz
    return {
        "obs_id": int(obs.obs_id),
        "n_events": len(events.table),
        "livetime_header": float(events.table.meta["LIVETIME"]),
        "live_time_duration": float(obs.observation_live_time_duration.to_value("s")),
        "time_duration": float(obs.observation_time_duration.to_value("s")),
        "ra_pnt": float(obs.pointing_radec.ra.deg),
        "dec_pnt": float(obs.pointing_radec.dec.deg),
        "alt_computed": float(altaz.alt.deg),
        "az_computed": float(altaz.az.deg),
        "tstart_mjd": float(obs.tstart.mjd),
        "tstop_mjd": float(obs.tstop.mjd),
        "tstart_utc": obs.tstart.utc.isot,
        "energy_min": float(events.energy.min().to_value("TeV")),
        "energy_max": float(events.energy.max().to_value("TeV")),
        "target_ra": float(obs.target_radec.ra.deg),
        "target_dec": float(obs.target_radec.dec.deg),
        "first_event_mjd_utc": float(events.time[0].utc.mjd),
        "n_energy_1_10": len(events.select_energy([1, 10] * u.TeV).table),
        "n_offset_03_09": len(events.select_offset([0.3, 0.9] * u.deg).table),
    }


def cut_numbers(observations):
    out = []
    for obs in observations:
        out.append({
            "obs_id": int(obs.obs_id),
            "n_events": len(obs.events.table),
            "gti_start": [float(x) for x in obs.gti.table["START"]],
            "gti_stop": [float(x) for x in obs.gti.table["STOP"]],
            "live_time_duration": float(obs.observation_live_time_duration.to_value("s")),
        })
    return out


def static():
    hess = "$GAMMAPY_DATA/hess-dl3-dr1"
    cta = "$GAMMAPY_DATA/cta-1dc/index/gps"
    crab = {"frame": "icrs", "lon": "83.633 deg", "lat": "22.014 deg", "radius": "5 deg"}
    out = {}
    out["cone_crab"] = [int(o.obs_id) for o in select(datastore=hess, obs_cone=crab)]
    out["cone_galactic"] = [int(o.obs_id) for o in select(
        datastore=hess, obs_cone={"frame": "galactic", "lon": "347.3 deg", "lat": "-0.5 deg", "radius": "2 deg"})]
    out["cone_cta"] = [int(o.obs_id) for o in select(
        datastore=cta, obs_cone={"frame": "galactic", "lon": "0 deg", "lat": "0 deg", "radius": "3 deg"})]
    out["ids_then_cone"] = [int(o.obs_id) for o in select(
        datastore=hess, obs_ids=[23592, 20136, 23523], obs_cone=crab)]
    out["time_single"] = cut_numbers(select(
        datastore=hess, obs_ids=[23523, 23526],
        obs_time={"start": "2004-12-04T22:15:00", "stop": "2004-12-04T22:25:00"}))
    out["time_list"] = cut_numbers(select(
        datastore=hess, obs_cone=crab,
        obs_time={"start": ["2004-12-04T22:00:00", "2004-12-04T22:30:00"],
                  "stop": ["2004-12-04T22:20:00", "2004-12-04T23:10:00"]}))
    store = DataStore.from_dir(hess)
    out["runs"] = [run_numbers(store.obs(i)) for i in (23523, 23592)]
    events = store.obs(23523).events
    center = SkyCoord(83.633, 22.014, unit="deg")
    out["n_circle_crab_02"] = int((center.separation(events.radec) < 0.2 * u.deg).sum())
    table = store.obs_table
    tr = Time(["2004-12-04T22:00:00", "2004-12-05T00:00:00"])
    out["table_time_full"] = [int(x) for x in table.select_time_range(tr)["OBS_ID"]]
    out["table_time_partial"] = [int(x) for x in table.select_time_range(tr, partial_overlap=True)["OBS_ID"]]
    out["table_alt_60_70"] = [int(x) for x in table.select_range("ALT_PNT", [60, 70] * u.deg)["OBS_ID"]]
    out["hess_n_obs"] = len(store.obs_ids)
    out["hess_livetime_sum"] = float(np.sum(table["LIVETIME"].astype("float64")))
    cta_store = DataStore.from_dir(cta)
    out["cta_run"] = run_numbers(cta_store.obs(110380))
    return out


def skip(store_dir):
    observations = select(datastore=store_dir, obs_ids=[23523, 23526, 23559],
                          required_irf=["aeff", "edisp", "psf", "bkg"])
    point_like = select(datastore=store_dir, obs_ids=[23523, 23526, 23559], required_irf=["aeff", "edisp"])
    return {"full": [int(o.obs_id) for o in observations], "point_like": [int(o.obs_id) for o in point_like]}


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "static"
    result = static() if mode == "static" else skip(sys.argv[2])
    print(json.dumps(result))
