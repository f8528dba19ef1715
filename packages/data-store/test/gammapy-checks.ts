/**
 * The comparisons with Gammapy 1.0, registered once and run twice: on the stored numbers
 * (fixtures/) and on numbers computed live by /usr/bin/python3.
 */
import { join } from "node:path";
import { it, expect } from "vitest";
import { Time } from "@gammats/core";
import { DataStore, selectObservations } from "@gammats/data-store";
import type { Observation } from "@gammats/data-store";
import { expectClose } from "./helpers.js";
import type { CutReference, RunReference, StaticReference } from "./helpers.js";

const CRAB = { frame: "icrs", lon: "83.633 deg", lat: "22.014 deg", radius: "5 deg" };

function checkRun(obs: Observation, ref: RunReference, altazTolDeg: number): void {
  expect(obs.obsId).toBe(ref.obs_id);
  expect(obs.events.length).toBe(ref.n_events);
  expectClose(obs.livetime, ref.livetime_header, 1e-12);
  expectClose(obs.observationLiveTimeDuration, ref.live_time_duration, 1e-12);
  expectClose(obs.observationTimeDuration, ref.time_duration, 1e-12);
  expectClose(obs.pointing.ra, ref.ra_pnt, 1e-12);
  expectClose(obs.pointing.dec, ref.dec_pnt, 1e-12);
  // MJD to ~1 µs (1e-11 d): both sides hold the time in two doubles.
  expectClose(obs.tstart.mjd, ref.tstart_mjd, 0, 1e-10);
  expectClose(obs.tstop.mjd, ref.tstop_mjd, 0, 1e-10);
  expect(obs.tstart.scale).toBe("tt");
  expect(obs.tstart.utc().isot).toBe(ref.tstart_utc);
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of obs.events.energy) {
    lo = Math.min(lo, e);
    hi = Math.max(hi, e);
  }
  expectClose(lo, ref.energy_min, 1e-12);
  expectClose(hi, ref.energy_max, 1e-12);
  expectClose(obs.target.ra, ref.target_ra, 1e-12, 1e-12);
  expectClose(obs.target.dec, ref.target_dec, 1e-12, 1e-12);
  expectClose(obs.events.times("utc")[0], ref.first_event_mjd_utc, 0, 1e-10);
  expect(obs.events.selectEnergy(1, 10).length).toBe(ref.n_energy_1_10);
  expect(obs.events.selectOffset(0.3, 0.9).length).toBe(ref.n_offset_03_09);
  const altaz = obs.pointingAltAz();
  expectClose(altaz.alt, ref.alt_computed, 0, altazTolDeg);
  expectClose(altaz.az, ref.az_computed, 0, altazTolDeg);
}

function checkCuts(observations: readonly Observation[], ref: readonly CutReference[]): void {
  expect(observations.map((o) => o.obsId)).toEqual(ref.map((r) => r.obs_id));
  observations.forEach((obs, i) => {
    const r = ref[i];
    expect(obs.events.length).toBe(r.n_events);
    expect(obs.gti.length).toBe(r.gti_start.length);
    // Clipped GTI bounds come from UTC strings: agree to the µs.
    obs.gti.start.forEach((v, k) => expectClose(v, r.gti_start[k], 0, 1e-6));
    obs.gti.stop.forEach((v, k) => expectClose(v, r.gti_stop[k], 0, 1e-6));
    expectClose(obs.observationLiveTimeDuration, r.live_time_duration, 0, 1e-6);
  });
}

/**
 * Registers the comparisons.
 *
 * @param getRef - the reference numbers (called inside the tests)
 * @param getDir - the gammapy-data folder
 */
export function defineGammapyChecks(getRef: () => StaticReference, getDir: () => string): void {
  const hess = () => join(getDir(), "hess-dl3-dr1");
  const cta = () => join(getDir(), "cta-1dc/index/gps");

  it("selects the runs Gammapy selects with a cone around the Crab (icrs)", () => {
    const { observations } = selectObservations({ datastore: hess(), obs_cone: CRAB });
    expect(observations.map((o) => o.obsId)).toEqual(getRef().cone_crab);
  });

  it("selects the runs Gammapy selects with a galactic cone (RX J1713, H.E.S.S.; Galactic centre, CTA)", () => {
    const galactic = { frame: "galactic", lon: "347.3 deg", lat: "-0.5 deg", radius: "2 deg" };
    expect(selectObservations({ datastore: hess(), obs_cone: galactic }).observations.map((o) => o.obsId)).toEqual(
      getRef().cone_galactic,
    );
    const gc = { frame: "galactic", lon: "0 deg", lat: "0 deg", radius: "3 deg" };
    expect(selectObservations({ datastore: cta(), obs_cone: gc }).observations.map((o) => o.obsId)).toEqual(getRef().cone_cta);
  });

  it("intersects obs_ids with the cone, keeping the order of obs_ids", () => {
    const { observations } = selectObservations({ datastore: hess(), obs_ids: [23592, 20136, 23523], obs_cone: CRAB });
    expect(observations.map((o) => o.obsId)).toEqual(getRef().ids_then_cone);
  });

  it("cuts events and GTIs to one obs_time interval as Gammapy", () => {
    const { observations } = selectObservations({
      datastore: hess(),
      obs_ids: [23523, 23526],
      obs_time: { start: "2004-12-04T22:15:00", stop: "2004-12-04T22:25:00" },
    });
    checkCuts(observations, getRef().time_single);
  });

  it("cuts events and GTIs to a list of obs_time intervals, interval by interval, as Gammapy", () => {
    const { observations } = selectObservations({
      datastore: hess(),
      obs_cone: CRAB,
      obs_time: { start: ["2004-12-04T22:00:00", "2004-12-04T22:30:00"], stop: ["2004-12-04T22:20:00", "2004-12-04T23:10:00"] },
    });
    checkCuts(observations, getRef().time_list);
  });

  it("gives Gammapy's metadata, event counts and selections for H.E.S.S. runs 23523 and 23592", () => {
    const store = DataStore.fromDir(hess());
    // AltAz: no IERS tables here (dUT1 = 0, mean polar motion): ~1e-3 deg from astropy.
    for (const ref of getRef().runs) checkRun(store.obs(ref.obs_id), ref, 3e-3);
  });

  it("gives Gammapy's metadata for CTA 1DC run 110380", () => {
    const store = DataStore.fromDir(cta());
    checkRun(store.obs(110380), getRef().cta_run, 3e-3);
  });

  it("selects events in a circle as Gammapy's separation does", () => {
    const events = DataStore.fromDir(hess()).obs(23523).events;
    expect(events.selectCircle({ lon: 83.633, lat: 22.014 }, 0.2).length).toBe(getRef().n_circle_crab_02);
  });

  it("selects observation-table rows by time range and column range as Gammapy", () => {
    const table = DataStore.fromDir(hess()).obsTable!;
    const start = Time.parse("2004-12-04T22:00:00");
    const stop = Time.parse("2004-12-05T00:00:00");
    expect(Array.from(table.selectTimeRange(start, stop).obsId)).toEqual(getRef().table_time_full);
    expect(Array.from(table.selectTimeRange(start, stop, { partialOverlap: true }).obsId)).toEqual(getRef().table_time_partial);
    expect(Array.from(table.selectRange("ALT_PNT", 60, 70).obsId)).toEqual(getRef().table_alt_60_70);
    expect(DataStore.fromDir(hess()).obsIds.length).toBe(getRef().hess_n_obs);
    let sum = 0;
    for (const v of table.column("LIVETIME")) sum += v;
    expectClose(sum, getRef().hess_livetime_sum, 1e-9);
  });
}
