/** Load and validate the plant config (YAML) into the plant model. */
export { ConfigError, maxReportedProblems, type ConfigProblem } from './config-error.js';
export { loadPlantConfig, parsePlantConfig, type ParseOptions } from './load.js';
export { describeConfigSummary } from './summary.js';
export { configVersion, idPattern, maxScalarSampleRateMs, maxWaveformSampleRateMs } from './schema.js';
