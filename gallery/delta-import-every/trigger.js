// Delta import every N minutes: fires the configured target (a delta import unless the
// configuration names another profile) every `every`, the first time one interval after the
// trigger starts, as the reference product's interval trigger does; `atStart` adds a fire at
// start. The timer runs on AutoSync's scheduler and is cancelled when the trigger stops.

const MINIMUM_MS = 10 * 1000;

function start(ctx) {
  const every = ctx.params.every; // milliseconds
  if (every < MINIMUM_MS) {
    throw new RangeError('every: must be at least 10s, got ' + every + ' ms');
  }
  const reason = 'every ' + describe(every);
  if (ctx.params.atStart) {
    ctx.fire({reason: 'at start, then ' + reason});
  }
  ctx.timers.setInterval(() => ctx.fire({reason: reason}), every);
}

function stop() {
  // nothing to release: AutoSync cancels the timer
}

function describe(ms) {
  if (ms % 3600000 === 0) return ms / 3600000 + 'h';
  if (ms % 60000 === 0) return ms / 60000 + 'm';
  return ms / 1000 + 's';
}
