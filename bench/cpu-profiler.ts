import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * Preloaded into an API process (`node --import ./dist/bench/cpu-profiler.js …`): records a V8 CPU
 * profile from start to SIGTERM and writes it to CPU_PROFILE_FILE. `--cpu-prof` cannot be used for
 * this, since a process stopped by a signal never writes its profile.
 */
const file = process.env.CPU_PROFILE_FILE ?? `api-${process.pid}.cpuprofile`;
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
process.once('SIGTERM', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(file, JSON.stringify(result.profile));
  });
});
