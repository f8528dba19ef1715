/**
 * Typed accessors convert the strings as written to gammats' internal units through
 * @gammats/core (TeV, deg, Time).
 */
import { describe, expect, test } from "vitest";
import { ConfigError } from "@gammats/core";
import { AnalysisConfig } from "@gammats/config";

describe("typed accessors", () => {
  const c = AnalysisConfig.fromYaml(
    [
      "observations: {obs_time: {start: '2004-12-04T22:04:48', stop: '2004-12-05'}}",
      "datasets:",
      "  geom: {wcs: {binsize: 0.0005 rad, width: {width: 90 arcmin}}, axes: {energy: {min: 300 GeV, max: 0.1 PeV, nbins: 10}}}",
      "  on_region: {frame: galactic, lon: 184.557 deg, lat: -5.784 deg, radius: 6 arcmin}",
      "fit: {fit_range: {min: 500 GeV}}",
      "flux_points: {energy: {min: 1 TeV, max: 10 TeV, nbins: 0}}",
      "light_curve: {time_intervals: {start: ['2019-12-01', '2019-12-02'], stop: ['2019-12-02', '2019-12-03']}}",
    ].join("\n"),
  );

  test("energies in TeV", () => {
    expect(c.energy("datasets.geom.axes.energy.min")).toBeCloseTo(0.3, 12);
    expect(c.energy("datasets.geom.axes.energy.max")).toBeCloseTo(100, 9);
    expect(c.energy("fit.fit_range.max")).toBeNull();
    expect(c.energyRange("fit.fit_range")).toEqual({ min: 0.5, max: null });
  });

  test("angles in degrees", () => {
    expect(c.angle("datasets.geom.wcs.binsize")).toBeCloseTo((0.0005 * 180) / Math.PI, 12);
    expect(c.angle("datasets.geom.wcs.width.width")).toBeCloseTo(1.5, 12);
    expect(c.angle("datasets.geom.wcs.skydir.lon")).toBeNull();
  });

  test("energy axes, null when incomplete or nbins < 1 (Gammapy makes no axis then)", () => {
    const axis = c.energyAxis("datasets.geom.axes.energy")!;
    expect(axis.nbins).toBe(10);
    expect(axis.min).toBeCloseTo(0.3, 12);
    expect(c.energyAxis("flux_points.energy")).toBeNull();
    expect(c.energyAxis("light_curve.energy_edges")).toBeNull();
    expect(new AnalysisConfig().energyAxis("datasets.geom.axes.energy_true")).toEqual({ min: 0.5, max: 20, nbins: 16 });
  });

  test("sky circles in degrees, null while unset", () => {
    const r = c.circle("datasets.on_region")!;
    expect(r.frame).toBe("galactic");
    expect(r.lon).toBeCloseTo(184.557, 12);
    expect(r.radius).toBeCloseTo(0.1, 12);
    expect(c.circle("observations.obs_cone")).toBeNull();
    expect(() => new AnalysisConfig({ observations: { obs_cone: { lon: "1 deg" } } }).circle("observations.obs_cone")).toThrow(ConfigError);
  });

  test("time intervals as core Times (UTC)", () => {
    const [obs] = c.timeIntervals("observations.obs_time")!;
    expect(obs.start.mjd).toBeCloseTo(53343.92, 9);
    expect(obs.stop.mjd).toBe(53344);
    const lc = c.timeIntervals("light_curve.time_intervals")!;
    expect(lc.map((i) => [i.start.mjd, i.stop.mjd])).toEqual([[58818, 58819], [58819, 58820]]);
    expect(new AnalysisConfig().timeIntervals("observations.obs_time")).toBeNull();
  });
});
