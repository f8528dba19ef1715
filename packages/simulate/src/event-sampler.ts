/**
 * The event sampler: for one pointing, livetime and set of sky models, draws source
 * events through effective area → energy migration → PSF, and background events from
 * the background rate, each total a Poisson draw around its expectation; arrival times
 * are uniform within the good time intervals.
 */
import { DataError, angularSeparation, offsetBy } from "@gammats/core";
import type { SkyModel } from "@gammats/modeling";
import { linearGrid, logGrid } from "./inverse-cdf.js";
import { Random } from "@gammats/core";
import { backgroundGrid, sampleBackground } from "./sample-background.js";
import type { BackgroundGridOptions } from "./sample-background.js";
import { ENERGY_GRID_PER_DECADE, migrationTable, sampleRecoEnergies, sampleTrueEnergies, trueEnergyDistribution } from "./sample-energy.js";
import { applyPsf, psfTable } from "./sample-psf.js";
import { sampleSourcePositions, spatialCentreIcrs, spatialExtent } from "./sample-spatial.js";
import type { SamplerIrfs } from "./sampler-irfs.js";

/** Options of {@link sampleEvents}. */
export interface SampleEventsOptions {
  /** Instrument response. */
  irfs: SamplerIrfs;
  /** Pointing direction, ICRS [deg]. */
  pointing: { ra: number; dec: number };
  /** Livetime [s]: the exposure time of the expectations. */
  livetime: number;
  /** Good time intervals [start, stop] in MET [s]; event times are uniform over them. */
  gti: readonly (readonly [number, number])[];
  /** Sources (point or Gaussian spatial model); none for background only. */
  models?: readonly SkyModel[];
  /** Draw background events from `irfs.background` (default true when it exists). */
  background?: boolean;
  /** Largest offset of background events [deg]; default 2.5. */
  offsetMax?: number;
  /** Background grid sizes. */
  backgroundGrid?: BackgroundGridOptions;
  /** Random stream, or a seed for a new one. */
  random: Random | number;
}

/** Sampled events, time-ordered; one entry per event in every array. */
export interface SimulatedEvents {
  /** Arrival times, MET [s]. */
  time: Float64Array;
  /** Reconstructed right ascensions, ICRS [deg]. */
  ra: Float64Array;
  /** Reconstructed declinations [deg]. */
  dec: Float64Array;
  /** Reconstructed energies [TeV]. */
  energy: Float64Array;
  /** True energies [TeV] (NaN for background). */
  energyTrue: Float64Array;
  /** True right ascensions [deg] (the reconstructed value for background). */
  raTrue: Float64Array;
  /** True declinations [deg]. */
  decTrue: Float64Array;
  /** 0 for background, k for the k-th model (Gammapy's MC_ID). */
  mcId: Int32Array;
}

/** Expected numbers of events of a simulation. */
export interface SimulationExpectation {
  /** Per model, in the order given: expected source events. */
  sources: { name: string; expected: number; offset: number }[];
  /** Expected background events within `offsetMax`. */
  background: number;
}

/** Events and what was expected. */
export interface SampleEventsResult {
  /** The events. */
  events: SimulatedEvents;
  /** Expectations. */
  expected: SimulationExpectation;
}

interface Part {
  energyTrue: Float64Array;
  energy: Float64Array;
  ra: Float64Array;
  dec: Float64Array;
  raTrue: Float64Array;
  decTrue: Float64Array;
  mcId: number;
}

// Offsets spanning a model's extent, as table nodes (one node for a point source).
function offsetNodes(centreOffset: number, extent: number): Float64Array {
  if (extent === 0) return Float64Array.of(centreOffset);
  const lo = Math.max(0, centreOffset - extent);
  const hi = centreOffset + extent;
  return linearGrid(lo, hi, Math.max(2, Math.ceil((hi - lo) / 0.05) + 1));
}

function fill(n: number, v: number): Float64Array {
  return new Float64Array(n).fill(v);
}

/**
 * Expected rate of a Gaussian source [s-1], averaging the effective area over its
 * shape with equal-probability nodes (24 radii × 12 position angles).
 */
function extendedRate(irfs: SamplerIrfs, model: SkyModel, energy: Float64Array, dnde: Float64Array, pointing: { ra: number; dec: number }): number {
  const spatial = model.spatial!;
  const sigma = spatial.parameters.get("sigma").internalValue;
  const centre = spatialCentreIcrs(spatial);
  const nR = 24;
  const nA = 12;
  const a = 1 - Math.cos(sigma * (Math.PI / 180));
  const tail = -Math.expm1(-1 / a);
  const sep = new Float64Array(nR * nA);
  const pa = new Float64Array(nR * nA);
  for (let i = 0; i < nR; i++) {
    const u = -2 * a * Math.log1p(-((i + 0.5) / nR) * tail);
    for (let j = 0; j < nA; j++) {
      sep[i * nA + j] = 2 * Math.asin(Math.min(1, Math.sqrt(u / 2))) * (180 / Math.PI);
      pa[i * nA + j] = (360 * (j + 0.5)) / nA;
    }
  }
  // Elliptical Gaussians are averaged as circular ones of the same σ: an approximation
  // of the expectation only (the draws themselves follow the ellipse).
  const pos = offsetBy(centre.ra, centre.dec, pa, sep);
  const off = angularSeparation(pos.lon, pos.lat, pointing.ra, pointing.dec);
  let sum = 0;
  for (let k = 0; k < off.length; k++) sum += trueEnergyDistribution(energy, dnde, irfs.aeff(energy, fill(energy.length, off[k]!))).rate;
  return sum / off.length;
}

function sampleSource(
  irfs: SamplerIrfs,
  model: SkyModel,
  mcId: number,
  options: SampleEventsOptions,
  rng: Random,
): { part: Part; expected: number; offset: number } {
  const spatial = model.spatial;
  if (spatial === undefined) {
    throw new DataError(`sky model '${model.name}' has no spatial model: events need positions`, {
      hint: "give it a PointSpatialModel or GaussianSpatialModel",
    });
  }
  const { pointing, livetime } = options;
  const centre = spatialCentreIcrs(spatial);
  const centreOffset = angularSeparation(pointing.ra, pointing.dec, centre.ra, centre.dec);
  const extent = spatialExtent(spatial);
  const nodes = offsetNodes(centreOffset, extent);
  const energy = logGrid(irfs.energyTrueBounds[0], irfs.energyTrueBounds[1], ENERGY_GRID_PER_DECADE);
  const dnde = model.spectral.evaluate(energy);
  // Envelope: the largest effective area over the model's offsets (5% margin for offsets
  // between nodes); events are then kept with probability A(E, θ_event) / envelope.
  const envelope = irfs.aeff(energy, fill(energy.length, nodes[0]!));
  for (let j = 1; j < nodes.length; j++) {
    const a = irfs.aeff(energy, fill(energy.length, nodes[j]!));
    for (let i = 0; i < energy.length; i++) envelope[i] = Math.max(envelope[i]!, a[i]!);
  }
  if (extent > 0) for (let i = 0; i < energy.length; i++) envelope[i] = envelope[i]! * 1.05;
  const dist = trueEnergyDistribution(energy, dnde, envelope);
  const nEnvelope = rng.poisson(dist.rate * livetime);
  let energyTrue = sampleTrueEnergies(dist, nEnvelope, rng);
  let positions = sampleSourcePositions(spatial, nEnvelope, rng);
  let offset = nEnvelope > 0 ? angularSeparation(positions.ra, positions.dec, pointing.ra, pointing.dec) : new Float64Array(0);
  let expected = dist.rate * livetime;
  if (extent > 0) {
    expected = extendedRate(irfs, model, energy, dnde, pointing) * livetime;
    const area = irfs.aeff(energyTrue, offset);
    const flux = model.spectral.evaluate(energyTrue);
    const keep: number[] = [];
    for (let k = 0; k < nEnvelope; k++) {
      const e = energyTrue[k]!;
      const envelopeDensity = interpolateLog(dist.logEnergy, dist.density, Math.log(e));
      const p = envelopeDensity > 0 ? (flux[k]! * area[k]! * e) / envelopeDensity : 0;
      if (rng.uniform() < p) keep.push(k);
    }
    const pick = (x: Float64Array) => Float64Array.from(keep, (k) => x[k]!);
    energyTrue = pick(energyTrue);
    positions = { ra: pick(positions.ra), dec: pick(positions.dec) };
    offset = pick(offset);
  }
  const energyReco = sampleRecoEnergies(migrationTable(irfs, nodes), energyTrue, offset, rng);
  const reco = applyPsf(psfTable(irfs, nodes), positions.ra, positions.dec, energyTrue, offset, rng);
  return {
    part: { energyTrue, energy: energyReco, ra: reco.ra, dec: reco.dec, raTrue: positions.ra, decTrue: positions.dec, mcId },
    expected,
    offset: centreOffset,
  };
}

function interpolateLog(x: Float64Array, y: Float64Array, v: number): number {
  const n = x.length;
  if (v <= x[0]!) return y[0]!;
  if (v >= x[n - 1]!) return y[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! <= v) lo = mid;
    else hi = mid;
  }
  const w = (v - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! * (1 - w) + y[hi]! * w;
}

function sampleBackgroundPart(options: SampleEventsOptions, rng: Random): { part: Part; expected: number } {
  const { irfs, pointing, livetime } = options;
  const grid = backgroundGrid(irfs.background!, irfs.energyBounds, options.offsetMax ?? 2.5, options.backgroundGrid);
  const n = rng.poisson(grid.rate * livetime);
  const draw = sampleBackground(grid, n, rng);
  const pos = n > 0 ? offsetBy(pointing.ra, pointing.dec, draw.phi, draw.theta) : { lon: new Float64Array(0), lat: new Float64Array(0) };
  return {
    part: { energyTrue: fill(n, Number.NaN), energy: draw.energy, ra: pos.lon, dec: pos.lat, raTrue: pos.lon, decTrue: pos.lat, mcId: 0 },
    expected: grid.rate * livetime,
  };
}

function checkOptions(options: SampleEventsOptions): void {
  if (!(options.livetime >= 0) || !Number.isFinite(options.livetime)) {
    throw new DataError(`livetime must be a finite number of seconds >= 0, got ${options.livetime}`);
  }
  if (options.gti.length === 0) throw new DataError("no good time interval given", { hint: "pass gti: [[tstart, tstop]]" });
  for (const [a, b] of options.gti) {
    if (!(b > a)) throw new DataError(`good time interval [${a}, ${b}] is empty or reversed`, { hint: "give [start, stop] with stop > start (MET, s)" });
  }
}

/**
 * Samples the events of one observation.
 *
 * @param options - IRFs, pointing, livetime, GTIs, models, background switch, random stream
 * @returns time-ordered events and the expected counts
 * @throws DataError for bad times or unsupported models
 * @example
 * ```ts
 * const { events, expected } = sampleEvents({
 *   irfs: syntheticSamplerIrfs(), pointing: { ra: 83.633, dec: 22.51 }, livetime: 1800,
 *   gti: [[0, 1900]], models: [crab], random: 1,
 * });
 * events.energy.length;   // ≈ expected.sources[0].expected + expected.background
 * ```
 */
export function sampleEvents(options: SampleEventsOptions): SampleEventsResult {
  checkOptions(options);
  const rng = typeof options.random === "number" ? new Random(options.random) : options.random;
  const parts: Part[] = [];
  const expected: SimulationExpectation = { sources: [], background: 0 };
  (options.models ?? []).forEach((model, index) => {
    const s = sampleSource(options.irfs, model, index + 1, options, rng);
    parts.push(s.part);
    expected.sources.push({ name: model.name, expected: s.expected, offset: s.offset });
  });
  if ((options.background ?? true) && options.irfs.background !== undefined) {
    const b = sampleBackgroundPart(options, rng);
    parts.push(b.part);
    expected.background = b.expected;
  }
  return { events: mergeByTime(parts, options.gti, rng), expected };
}

function mergeByTime(parts: Part[], gti: readonly (readonly [number, number])[], rng: Random): SimulatedEvents {
  const n = parts.reduce((s, p) => s + p.energy.length, 0);
  const time = new Float64Array(n);
  const cumulative = new Float64Array(gti.length);
  let total = 0;
  gti.forEach(([a, b], i) => {
    total += b - a;
    cumulative[i] = total;
  });
  for (let k = 0; k < n; k++) {
    const t = rng.uniform() * total;
    let i = 0;
    while (i < gti.length - 1 && cumulative[i]! <= t) i++;
    const [a, b] = gti[i]!;
    time[k] = Math.min(b, a + (t - (cumulative[i]! - (b - a))));
  }
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((x, y) => time[x]! - time[y]! || x - y);
  const out: SimulatedEvents = {
    time: new Float64Array(n),
    ra: new Float64Array(n),
    dec: new Float64Array(n),
    energy: new Float64Array(n),
    energyTrue: new Float64Array(n),
    raTrue: new Float64Array(n),
    decTrue: new Float64Array(n),
    mcId: new Int32Array(n),
  };
  // Position of each unsorted event in the concatenation of the parts.
  const src = new Uint32Array(n);
  const srcPart = new Uint32Array(n);
  let k = 0;
  parts.forEach((p, pi) => {
    for (let i = 0; i < p.energy.length; i++, k++) {
      src[k] = i;
      srcPart[k] = pi;
    }
  });
  for (let m = 0; m < n; m++) {
    const j = order[m]!;
    const p = parts[srcPart[j]!]!;
    const i = src[j]!;
    out.time[m] = time[j]!;
    out.ra[m] = p.ra[i]!;
    out.dec[m] = p.dec[i]!;
    out.energy[m] = p.energy[i]!;
    out.energyTrue[m] = p.energyTrue[i]!;
    out.raTrue[m] = p.raTrue[i]!;
    out.decTrue[m] = p.decTrue[i]!;
    out.mcId[m] = p.mcId;
  }
  return out;
}
