// The error function lives in core (one implementation for every package).
export { erf, erfc } from "@gammats/core";
