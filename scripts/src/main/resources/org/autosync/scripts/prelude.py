# AutoSync's Python prelude: builds the `ctx` object (also the global `autosync`) on top of the
# host bridge, whose one method takes and returns JSON text. The host calls
# __autosync_install(bridge) once, removes it, and keeps the function it returns to call the
# script's functions. Script code never sees the bridge.
def __autosync_install(host):
    import json
    del globals()['__autosync_install']

    class AutoSyncError(RuntimeError):
        """A host function failed, such as an HTTP request that could not connect."""

    errors = {'denied': PermissionError, 'invalid': ValueError}

    def call(op, args=None):
        r = json.loads(host.call(op, json.dumps(args)))
        if r['ok']:
            return r.get('value')
        raise errors.get(r.get('kind'), AutoSyncError)(r['error'])

    class Namespace:
        def __init__(self, **members):
            self.__dict__.update(members)

        def __setattr__(self, name, value):
            raise AttributeError('autosync objects are read-only')

        def __repr__(self):
            return 'autosync(' + ', '.join(sorted(self.__dict__)) + ')'

    callbacks = {}
    counter = [0]

    def register(fn, repeat):
        if not callable(fn):
            raise TypeError('expected a function, got ' + type(fn).__name__)
        counter[0] += 1
        callbacks[counter[0]] = (fn, repeat)
        return counter[0]

    def timer(fn, ms, repeat):
        i = register(fn, repeat)
        call('timer.set', {'id': i, 'delayMs': ms or 0, 'repeat': repeat})
        return i

    def clear(i):
        callbacks.pop(i, None)
        return call('timer.clear', {'id': i})

    def text(message):
        return message if isinstance(message, str) else json.dumps(message)

    def http(method, url, body=None, headers=None, timeout_ms=None, content_type=None):
        return call('http', {'method': method, 'url': url, 'body': body, 'headers': headers,
                             'timeoutMs': timeout_ms, 'contentType': content_type})

    def changes(request, fn):
        i = register(fn, True)
        call('ldap.changes', dict(request, id=i))
        return i

    info = call('info')
    ctx = Namespace(
        params=info['params'],
        ma=info['ma'],
        trigger=info['trigger'],
        fire=lambda target=None: call('fire', target),
        now=lambda: call('now'),
        local_time=lambda zone=None: call('time.local', {'zone': zone}),
        log=Namespace(
            debug=lambda m: call('log', {'level': 'debug', 'message': text(m)}),
            info=lambda m: call('log', {'level': 'info', 'message': text(m)}),
            warn=lambda m: call('log', {'level': 'warn', 'message': text(m)}),
            error=lambda m: call('log', {'level': 'error', 'message': text(m)})),
        state=Namespace(
            get=lambda key: call('state.get', {'key': str(key)}),
            put=lambda key, value: call('state.put', {'key': str(key), 'value': value}),
            remove=lambda key: call('state.remove', {'key': str(key)})),
        timers=Namespace(
            set_timeout=lambda fn, ms: timer(fn, ms, False),
            set_interval=lambda fn, ms: timer(fn, ms, True),
            clear=clear),
        http=Namespace(
            get=lambda url, **options: http('GET', url, **options),
            post=lambda url, body=None, **options: http('POST', url, body, **options),
            request=lambda request: call('http', request)),
        ldap=Namespace(
            search=lambda request: call('ldap.search', request),
            changes=changes),
        sql=Namespace(
            query=lambda sql, params=None: call('sql.query', {'sql': sql, 'params': params or []})),
        files=Namespace(
            read=lambda path: call('files.read', {'path': path}),
            list=lambda path='.': call('files.list', {'path': path})))
    globals()['autosync'] = ctx

    def invoke(mode, fn, arg):
        if mode == 'ctx':
            result = fn(ctx)
        elif mode == 'plain':
            result = fn()
        elif mode == 'args':
            result = fn(*json.loads(arg))
        else:
            a = json.loads(arg)
            entry = callbacks.get(a['id'])
            if entry is None:
                return 'null'
            if not entry[1]:
                del callbacks[a['id']]
            result = entry[0]() if 'value' not in a else entry[0](a['value'])
        return json.dumps(result)

    return invoke
