// AutoSync's JavaScript prelude: builds the `ctx` object (also the global `autosync`) on top of
// the host bridge, whose one method takes and returns JSON text. The host calls
// __autosync_install(bridge) once, removes it, and keeps the function it returns to call the
// script's functions. Script code never sees the bridge.
globalThis.__autosync_install = function (host) {
  'use strict';
  delete globalThis.__autosync_install;
  const ERRORS = { denied: 'PermissionError', invalid: 'ValueError', failed: 'AutoSyncError' };

  function call(op, args) {
    const r = JSON.parse(host.call(op, JSON.stringify(args === undefined ? null : args)));
    if (r.ok) {
      return r.value;
    }
    const e = new Error(r.error);
    e.name = ERRORS[r.kind] || 'AutoSyncError';
    throw e;
  }

  const callbacks = new Map();
  let nextId = 1;

  function register(fn, repeat) {
    if (typeof fn !== 'function') {
      const e = new TypeError('expected a function, got ' + typeof fn);
      throw e;
    }
    const id = nextId++;
    callbacks.set(id, { fn: fn, repeat: repeat });
    return id;
  }

  function timer(fn, ms, repeat) {
    const id = register(fn, repeat);
    call('timer.set', { id: id, delayMs: Number(ms) || 0, repeat: repeat });
    return id;
  }

  function text(message) {
    return typeof message === 'string' ? message : JSON.stringify(message);
  }

  function freeze(o) {
    Object.values(o).forEach(v => { if (v && typeof v === 'object') freeze(v); });
    return Object.freeze(o);
  }

  const info = call('info', null);
  const ctx = freeze({
    params: info.params,
    ma: info.ma,
    trigger: info.trigger,
    fire: (target) => call('fire', target === undefined ? null : target),
    now: () => call('now', null),
    localTime: (zone) => call('time.local', { zone: zone === undefined ? null : zone }),
    log: {
      debug: (m) => call('log', { level: 'debug', message: text(m) }),
      info: (m) => call('log', { level: 'info', message: text(m) }),
      warn: (m) => call('log', { level: 'warn', message: text(m) }),
      error: (m) => call('log', { level: 'error', message: text(m) }),
    },
    state: {
      get: (key) => call('state.get', { key: String(key) }),
      put: (key, value) => call('state.put', { key: String(key), value: value === undefined ? null : value }),
      remove: (key) => call('state.remove', { key: String(key) }),
    },
    timers: {
      setTimeout: (fn, ms) => timer(fn, ms, false),
      setInterval: (fn, ms) => timer(fn, ms, true),
      clear: (id) => { callbacks.delete(id); return call('timer.clear', { id: id }); },
    },
    http: {
      get: (url, options) => call('http', Object.assign({}, options, { method: 'GET', url: url })),
      post: (url, body, options) =>
        call('http', Object.assign({}, options, { method: 'POST', url: url, body: body === undefined ? null : body })),
      request: (request) => call('http', request),
    },
    ldap: {
      search: (request) => call('ldap.search', request),
      changes: (request, fn) => {
        const id = register(fn, true);
        call('ldap.changes', Object.assign({}, request, { id: id }));
        return id;
      },
    },
    sql: {
      query: (sql, params) => call('sql.query', { sql: sql, params: params === undefined ? [] : params }),
    },
    files: {
      read: (path) => call('files.read', { path: path }),
      list: (path) => call('files.list', { path: path === undefined ? '.' : path }),
    },
  });
  Object.defineProperty(globalThis, 'autosync', { value: ctx, writable: false, configurable: false });

  return function invoke(mode, fn, arg) {
    let result;
    if (mode === 'ctx') {
      result = fn(ctx);
    } else if (mode === 'plain') {
      result = fn();
    } else if (mode === 'args') {
      result = fn.apply(null, JSON.parse(arg));
    } else if (mode === 'callback') {
      const a = JSON.parse(arg);
      const entry = callbacks.get(a.id);
      if (!entry) {
        return 'null';
      }
      if (!entry.repeat) {
        callbacks.delete(a.id);
      }
      result = a.value === undefined ? entry.fn() : entry.fn(a.value);
    }
    return result === undefined ? 'null' : JSON.stringify(result);
  };
};
