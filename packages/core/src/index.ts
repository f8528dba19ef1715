/**
 * @gammats/core — units and quantities, sky coordinates, time scales, typed errors and
 * the logger used by every gammats package.
 *
 * @packageDocumentation
 */
export {
  GammatsError,
  UnitError,
  FitsError,
  ConfigError,
  ConfigErrors,
  DataError,
  IoError,
} from "./errors.js";
export type { GammatsErrorOptions } from "./errors.js";
export { LOG_LEVELS, createLogger, parseLogLevel, silentLogger } from "./logger.js";
export type { LogLevel, Logger, LoggerOptions } from "./logger.js";
export { envVarNames, substituteEnvVars } from "./env-vars.js";
export { Random, deriveSeed, logFactorial } from "./random.js";
export { erf, erfc } from "./math/special-functions.js";
export { brentq, secant } from "./math/root-find.js";
export type { BrentOptions, RootResult, SecantOptions } from "./math/root-find.js";

// --- units (owned by the units work; edit only this block) ---
export {
  parseUnit,
  formatUnit,
  formatQuantity,
  convert,
  convertArray,
  conversionFactor,
  unitsEqual,
  isCompatible,
  parseQuantity,
  quantity,
  toInternal,
  INTERNAL_UNITS,
  PHYSICAL_TYPES,
  isPhysicalType,
  physicalType,
  DIMENSIONLESS_UNIT,
  BASE_QUANTITIES,
} from "./units/index.js";
export type { Unit, UnitTerm, UnitLike, Quantity, PhysicalType, Dimensions } from "./units/index.js";
// --- end units ---

// --- time (owned by the time work; edit only this block) ---
export { Time } from "./time/time.js";
export type { TimeParseOptions } from "./time/time.js";
export { TIME_FORMATS, TIME_SCALES, parseTimeFormat, parseTimeScale } from "./time/scales.js";
export type { TimeFormat, TimeScale } from "./time/scales.js";
export { taiMinusUtc } from "./time/leap-seconds.js";
export { tdbMinusTt } from "./time/tdb.js";
export {
  makeTimeRef,
  metToMjd,
  metToTime,
  timeRefFromHeader,
  timeRefToHeader,
  timeToMet,
} from "./time/met.js";
export type { HeaderLike, TimeRef, TimeRefOptions } from "./time/met.js";
// --- end time ---

// --- coords (owned by the coords work; edit only this block) ---
export { DEG_TO_RAD, RAD_TO_DEG, ARCSEC_TO_RAD, wrapAngle, wrapAngles, wrapTo360, wrapTo180, angleDifference } from "./coords/angles.js";
export { FRAME_NAMES, parseFrame, frameRotationMatrix, transformFrame } from "./coords/frames.js";
export type { FrameName } from "./coords/frames.js";
export type { LonLat, LonLatArrays } from "./coords/lonlat.js";
export { angularSeparation, positionAngle, offsetBy, vincentySeparation } from "./coords/separation.js";
export { skyCoord, toFrame, coordsToFrame, coordSeparation, coordPositionAngle, coordOffsetBy } from "./coords/sky-coord.js";
export type { SkyCoord, SkyCoords } from "./coords/sky-coord.js";
export { skyToFov, fovToSky, skyToOffsetFrame, offsetFrameToSky, icrsToFovAltAz, fovAltAzToIcrs } from "./coords/fov.js";
export { icrsToAltAz, altAzToIcrs } from "./coords/altaz.js";
export type { ObservingTime, AltAz, AltAzArrays } from "./coords/altaz.js";
export { checkEarthLocation, geodeticToGeocentric } from "./coords/earth-location.js";
export type { EarthLocation } from "./coords/earth-location.js";
export { OBSERVATORY_LOCATIONS, getObservatoryLocation } from "./coords/observatories.js";
export { nutationIau2000b } from "./coords/nutation.js";
export {
  biasPrecessionNutationMatrix,
  cioLocator,
  tioLocator,
  gcrsToCirsMatrix,
  earthRotationAngle,
} from "./coords/earth-orientation.js";
export { earthPositionVelocity } from "./coords/earth-ephemeris.js";
// --- end coords ---
