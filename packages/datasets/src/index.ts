/**
 * @gammats/datasets — SpectrumDataset(OnOff), MapDataset(OnOff), Datasets, fit statistics
 * (cash, wstat), stacking, dataset I/O.
 *
 * @packageDocumentation
 */

// --- stats ---
export { TRUNCATION_VALUE, cash, cashBin, cashSum } from "./stats/cash.js";
export { cstat, cstatBin, cstatSum } from "./stats/cstat.js";
export { wstat, wstatBin, wstatGofTermsBin, wstatMuBkg, wstatMuBkgBin, wstatSum } from "./stats/wstat.js";
export { liMaSignificance, liMaSignificanceBin } from "./stats/li-ma.js";
export { brentq, secant } from "./stats/root-find.js";
export type { BrentOptions, RootResult, SecantOptions } from "./stats/root-find.js";
export { CountsStatistic } from "./stats/counts-statistic.js";
export type { NumberOrArray } from "./stats/counts-statistic.js";
export { CashCountsStatistic } from "./stats/cash-counts-statistic.js";
export { WStatCountsStatistic } from "./stats/wstat-counts-statistic.js";
// --- end stats ---
