/**
 * Units and quantities: public API of the units module (re-exported by @gammats/core).
 */
export { parseUnit } from "./parse-unit.js";
export { formatUnit, formatQuantity } from "./format.js";
export { convert, convertArray, conversionFactor, unitsEqual, isCompatible } from "./convert.js";
export type { UnitLike } from "./convert.js";
export { parseQuantity, quantity, toInternal } from "./quantity.js";
export type { Quantity } from "./quantity-type.js";
export { INTERNAL_UNITS, PHYSICAL_TYPES, isPhysicalType, physicalType } from "./physical-type.js";
export type { PhysicalType } from "./physical-type.js";
export { DIMENSIONLESS_UNIT } from "./unit.js";
export type { Unit, UnitTerm } from "./unit.js";
export { BASE_QUANTITIES } from "./dimensions.js";
export type { Dimensions } from "./dimensions.js";
