/**
 * FITS header <-> {@link Wcs}: reads the celestial keywords of image axes 1 and 2
 * (CTYPE, CRVAL, CRPIX, CDELT, PC / CD / CROTA2, LONPOLE, LATPOLE, RADESYS, EQUINOX,
 * PV2_1) as wcslib interprets them, and writes them as astropy's `WCS.to_header()` does.
 */
import { FitsError } from "@gammats/core";
import type { FrameName } from "@gammats/core";
import type { CardInput, FitsHeader } from "@gammats/fits";
import { PROJECTION_CODES, isProjectionCode } from "./projections.js";
import type { ProjectionCode } from "./projections.js";
import { Wcs } from "./wcs.js";
import type { WcsOptions } from "./wcs.js";

/** Where a header came from, for error messages. */
export interface HeaderWhere {
  /** File path. */
  file?: string;
  /** HDU name or index. */
  hdu?: string | number;
}

const D2R = Math.PI / 180;

function parseCtype(value: string): { kind: string; proj: string; extra: string } {
  const v = value.trim().toUpperCase();
  // "RA---TAN", "GLON-CAR", optionally "RA---TAN-SIP": 4 characters of axis type, dashes, code.
  const m = /^([A-Z]{1,4})-*-([A-Z0-9]{3})(-.*)?$/.exec(v);
  if (m === null) return { kind: v, proj: "", extra: "" };
  return { kind: m[1]!, proj: m[2]!, extra: m[3] ?? "" };
}

/**
 * Reads the celestial WCS of a FITS image header (axes 1 and 2).
 *
 * @param header - the header
 * @param where - file and HDU, for error messages
 * @returns the WCS
 * @throws FitsError for missing or non-celestial CTYPEs, swapped axes, an unsupported
 *   projection, frame (FK4, ecliptic), unit, distortion (SIP) or projection parameter
 * @example
 * ```ts
 * const wcs = wcsFromHeader(readFitsSync(path).primary.header, { file: path, hdu: 0 });
 * wcs.projection; // "CAR"
 * ```
 */
export function wcsFromHeader(header: FitsHeader, where: HeaderWhere = {}): Wcs {
  const fail = (message: string, key: string, hint: string): FitsError => new FitsError(message, { ...where, key }, { hint });
  const str = (key: string): string => (header.has(key) ? String(header.get(key) ?? "").trim() : "");
  const num = (key: string, fallback: number): number => (header.has(key) ? header.getNumber(key) : fallback);
  if (!header.has("CTYPE1") || !header.has("CTYPE2")) {
    throw fail("the header has no celestial WCS (CTYPE1/CTYPE2 missing)", "CTYPE1", "read a sky map HDU (with CTYPE1 = 'RA---CAR', 'GLON-TAN', ...)");
  }
  const c1 = parseCtype(str("CTYPE1"));
  const c2 = parseCtype(str("CTYPE2"));
  let frame: FrameName;
  if (c1.kind === "GLON" && c2.kind === "GLAT") frame = "galactic";
  else if (c1.kind === "RA" && c2.kind === "DEC") {
    const radesys = (str("RADESYS") || str("RADECSYS")).toUpperCase();
    const equinox = header.has("EQUINOX") ? header.getNumber("EQUINOX") : header.has("EPOCH") ? header.getNumber("EPOCH") : undefined;
    // wcslib's default: ICRS without EQUINOX, FK4 before 1984, FK5 after.
    const sys = radesys || (equinox === undefined ? "ICRS" : equinox < 1984 ? "FK4" : "FK5");
    if (sys === "ICRS") frame = "icrs";
    else if (sys === "FK5") {
      if (equinox !== undefined && equinox !== 2000) throw fail(`FK5 with equinox ${equinox} is not supported`, "EQUINOX", "use EQUINOX = 2000 or ICRS");
      frame = "fk5";
    } else throw fail(`celestial system '${sys}' is not supported`, "RADESYS", "use ICRS, FK5 (J2000) or Galactic coordinates");
  } else if ((c1.kind === "DEC" && c2.kind === "RA") || (c1.kind === "GLAT" && c2.kind === "GLON")) {
    throw fail(`latitude on the first image axis (CTYPE1 '${str("CTYPE1")}') is not supported`, "CTYPE1", "transpose the image so that NAXIS1 is longitude");
  } else {
    throw fail(`unsupported celestial axes '${str("CTYPE1")}', '${str("CTYPE2")}'`, "CTYPE1", "use RA---xxx/DEC--xxx or GLON-xxx/GLAT-xxx");
  }
  if (c1.proj !== c2.proj) throw fail(`CTYPE1 and CTYPE2 use different projections (${c1.proj}, ${c2.proj})`, "CTYPE2", "fix the header");
  if (c1.extra !== "" || c2.extra !== "") throw fail(`distortion '${c1.extra || c2.extra}' is not supported`, "CTYPE1", "remove SIP/TPV distortions");
  const proj = c1.proj;
  if (!isProjectionCode(proj)) throw fail(`projection '${proj}' is not supported`, "CTYPE1", `use one of ${PROJECTION_CODES.join(", ")}`);
  for (const key of ["CUNIT1", "CUNIT2"]) {
    const u = str(key).toLowerCase();
    if (u !== "" && u !== "deg") throw fail(`${key} = '${str(key)}' is not supported`, key, "write the celestial axes in degrees");
  }
  let ceaLambda = 1;
  for (const key of header.keys()) {
    const pv = /^PV([12])_(\d+)$/.exec(key);
    if (pv === null) continue;
    const value = header.getNumber(key);
    if (proj === "CEA" && key === "PV2_1") ceaLambda = value;
    else if (value !== 0) throw fail(`projection parameter ${key} = ${value} is not supported`, key, "use the projection's default parameters");
  }
  let cdelt: [number, number] = [num("CDELT1", 1), num("CDELT2", 1)];
  let pc: [number, number, number, number] = [1, 0, 0, 1];
  const hasPc = ["PC1_1", "PC1_2", "PC2_1", "PC2_2"].some((k) => header.has(k));
  const hasCd = ["CD1_1", "CD1_2", "CD2_1", "CD2_2"].some((k) => header.has(k));
  if (hasPc) pc = [num("PC1_1", 1), num("PC1_2", 0), num("PC2_1", 0), num("PC2_2", 1)];
  else if (hasCd) {
    // CD carries the scale; wcslib then uses unit CDELT.
    pc = [num("CD1_1", 0), num("CD1_2", 0), num("CD2_1", 0), num("CD2_2", 0)];
    cdelt = [1, 1];
  } else if (header.has("CROTA2") || header.has("CROTA1")) {
    // CROTA2 rotation as a PC matrix (Paper II Sect. 6.1, eq. 188).
    const rho = num("CROTA2", num("CROTA1", 0)) * D2R;
    const [s, c] = [Math.sin(rho), Math.cos(rho)];
    pc = [c, (-s * cdelt[1]) / cdelt[0], (s * cdelt[0]) / cdelt[1], c];
  }
  const options: WcsOptions = {
    frame,
    projection: proj as ProjectionCode,
    crval: [num("CRVAL1", 0), num("CRVAL2", 0)],
    crpix: [num("CRPIX1", 0), num("CRPIX2", 0)],
    cdelt,
    pc,
    ceaLambda,
  };
  if (header.has("LONPOLE")) options.lonpole = header.getNumber("LONPOLE");
  if (header.has("LATPOLE")) options.latpole = header.getNumber("LATPOLE");
  try {
    return new Wcs(options);
  } catch (e) {
    throw new FitsError(`invalid WCS: ${(e as Error).message}`, { ...where, key: "CRVAL2" }, { cause: e });
  }
}

/**
 * Header cards of a WCS in astropy's `WCS.to_header()` order: WCSAXES, CRPIXn, PCi_j
 * (only when not the identity), CDELTn, CUNITn, CTYPEn, CRVALn, LONPOLE, LATPOLE,
 * MJDREF, RADESYS (+ EQUINOX for FK5).
 *
 * @param wcs - the WCS
 * @returns cards for a FITS header
 * @example
 * ```ts
 * imageHdu({ data, shape, header: wcsToHeaderCards(wcs) });
 * ```
 */
export function wcsToHeaderCards(wcs: Wcs): CardInput[] {
  const gal = wcs.frame === "galactic";
  const lonType = gal ? "GLON" : "RA";
  const latType = gal ? "GLAT" : "DEC";
  const pad = (t: string): string => t + "-".repeat(5 - t.length) + wcs.projection;
  const cards: CardInput[] = [
    ["WCSAXES", 2, "Number of coordinate axes"],
    ["CRPIX1", wcs.crpix[0], "Pixel coordinate of reference point"],
    ["CRPIX2", wcs.crpix[1], "Pixel coordinate of reference point"],
  ];
  if (!wcs.isUnrotated) {
    const names = ["PC1_1", "PC1_2", "PC2_1", "PC2_2"];
    names.forEach((k, i) => cards.push([k, wcs.pc[i]!, "Coordinate transformation matrix element"]));
  }
  cards.push(
    ["CDELT1", wcs.cdelt[0], "[deg] Coordinate increment at reference point"],
    ["CDELT2", wcs.cdelt[1], "[deg] Coordinate increment at reference point"],
    ["CUNIT1", "deg", "Units of coordinate increment and value"],
    ["CUNIT2", "deg", "Units of coordinate increment and value"],
    ["CTYPE1", pad(lonType), gal ? "galactic longitude" : "Right ascension"],
    ["CTYPE2", pad(latType), gal ? "galactic latitude" : "Declination"],
    ["CRVAL1", wcs.crval[0], "[deg] Coordinate value at reference point"],
    ["CRVAL2", wcs.crval[1], "[deg] Coordinate value at reference point"],
  );
  if (wcs.projection === "CEA" && wcs.ceaLambda !== 1) cards.push(["PV2_1", wcs.ceaLambda, "CEA lambda"]);
  cards.push(
    ["LONPOLE", wcs.lonpole, "[deg] Native longitude of celestial pole"],
    ["LATPOLE", wcs.latpole, "[deg] Native latitude of celestial pole"],
    ["MJDREF", 0.0, "[d] MJD of fiducial time"],
  );
  if (wcs.frame === "icrs") cards.push(["RADESYS", "ICRS", "Equatorial coordinate system"]);
  if (wcs.frame === "fk5") {
    cards.push(["RADESYS", "FK5", "Equatorial coordinate system"], ["EQUINOX", 2000.0, "[yr] Equinox of equatorial coordinates"]);
  }
  return cards;
}
