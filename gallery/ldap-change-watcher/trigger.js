// LDAP change watcher: reads the directory's cn=changelog every `interval` through
// ctx.ldap.changes (the position is kept in the trigger's state, so changes made while AutoSync
// was stopped are read at the next start) and fires the configured target (a delta import
// unless configured) for the changes that pass the filters: change type, and not at or under an
// excluded DN. With a quiet period, a burst of changes fires once, when no change came for
// `quietPeriod`, or `maxDelay` after its first change, whichever is sooner. A burst not yet
// fired is kept in the trigger's state too: if the trigger stops first, it fires at the next
// start, because the change log's position has already moved past it.

const TYPES = {add: 'add', modify: 'modify', delete: 'delete', moddn: 'moddn', modrdn: 'moddn'};
const SHOWN_DNS = 3;

let batch = null; // {count, byType, dns, first}
let flushTimer = null;

function start(ctx) {
  const wanted = new Set(ctx.params.changeTypes.map((t) => {
    const type = TYPES[String(t).trim().toLowerCase()];
    if (!type) {
      throw new RangeError("changeTypes: expected add, modify, delete or moddn, got '" + t + "'");
    }
    return type;
  }));
  // DNs hold commas, so the list is a text separated by ';'
  const excluded = String(ctx.params.excludeDns || '').split(';').map(normalise)
      .filter((dn) => dn !== '');
  const base = ctx.params.base;
  batch = ctx.state.get('pendingBatch');
  if (batch !== null) {
    flush(ctx, base, ' (read before AutoSync stopped)');
  }
  ctx.ldap.changes({base: base}, (changes) => {
    const relevant = changes.filter((c) => wanted.has(TYPES[String(c.changeType).toLowerCase()])
        && !excluded.some((x) => atOrUnder(normalise(c.targetDN), x)));
    if (relevant.length === 0) {
      return;
    }
    const now = ctx.now();
    if (batch === null) {
      batch = {count: 0, byType: {}, dns: [], first: now};
    }
    for (const c of relevant) {
      const type = TYPES[String(c.changeType).toLowerCase()];
      batch.count++;
      batch.byType[type] = (batch.byType[type] || 0) + 1;
      if (batch.dns.length < SHOWN_DNS && !batch.dns.includes(c.targetDN)) {
        batch.dns.push(c.targetDN);
      }
    }
    const quiet = ctx.params.quietPeriod;
    const deadline = batch.first + ctx.params.maxDelay;
    if (quiet === 0 || now >= deadline) {
      flush(ctx, base, '');
      return;
    }
    ctx.state.put('pendingBatch', batch);
    if (flushTimer !== null) {
      ctx.timers.clear(flushTimer);
    }
    flushTimer = ctx.timers.setTimeout(() => {
      flushTimer = null;
      flush(ctx, base, '');
    }, Math.min(quiet, deadline - now));
  });
}

function stop() {
  // AutoSync stops the change stream and the timers; a pending burst stays in the state.
}

function flush(ctx, base, note) {
  if (batch === null) {
    return;
  }
  if (flushTimer !== null) {
    ctx.timers.clear(flushTimer);
    flushTimer = null;
  }
  const types = Object.keys(batch.byType).sort().map((t) => batch.byType[t] + ' ' + t);
  const more = batch.count > batch.dns.length ? ', ...' : '';
  ctx.fire({reason: batch.count + (batch.count === 1 ? ' change' : ' changes') + ' under '
      + base + ' (' + types.join(', ') + '): ' + batch.dns.join('; ') + more + note});
  batch = null;
  ctx.state.remove('pendingBatch');
}

function normalise(dn) {
  return String(dn).toLowerCase().replace(/\s*,\s*/g, ',').replace(/\s*=\s*/g, '=').trim();
}

function atOrUnder(dn, parent) {
  return dn === parent || dn.endsWith(',' + parent);
}
