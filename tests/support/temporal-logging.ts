// Keeps the SDK's worker logs to warnings in tests; TEMPORAL_CORE_LOG=DEBUG (or TRACE) prints the
// SDK core's own log to stderr, which shows how it handled each workflow task of a run.
import { DefaultLogger, Runtime } from '@temporalio/worker';

const coreLevel = process.env.TEMPORAL_CORE_LOG;
Runtime.install({
  logger: new DefaultLogger('WARN'),
  ...(coreLevel ? { telemetryOptions: { logging: { filter: { core: coreLevel as 'DEBUG', other: 'WARN' }, console: {} } } } : {}),
});
