# File-drop watcher: lists the granted folder every `interval` and fires the configured target
# (set profileType: FullImport for a file MA) when a file matching `pattern` is new or was
# replaced, once it has kept its size and modification time for `settle`, so that a file still
# being written or copied is not imported half-done.
#
# The trigger's state remembers, per file, the version imported ("size@modified") and a version
# still settling with the time it was first seen, so a restart neither imports a file again nor
# forgets one that arrived meanwhile. Deleted files are forgotten.

from fnmatch import fnmatchcase


def poll(ctx):
    now = ctx.now()
    pattern = ctx.params['pattern']
    settle = ctx.params['settle']
    files = [f for f in ctx.files.list('.')
             if not f['directory'] and fnmatchcase(f['name'], pattern)]
    imported = ctx.state.get('imported') or {}
    settling = ctx.state.get('settling') or {}
    present = {f['name'] for f in files}
    imported = {name: v for name, v in imported.items() if name in present}
    settling = {name: v for name, v in settling.items() if name in present}
    ready = []
    for f in files:
        name = f['name']
        version = '%d@%s' % (f['size'], f['modified'])
        if imported.get(name) == version:
            settling.pop(name, None)
            continue
        seen = settling.get(name)
        if seen is None or seen['version'] != version:
            settling[name] = {'version': version, 'since': now}
            continue
        if now - seen['since'] >= settle:
            ready.append(name)
            imported[name] = version
            del settling[name]
    ctx.state.put('imported', imported)
    ctx.state.put('settling', settling)
    if not ready:
        return None
    return {'reason': '%s dropped: %s' % ('1 file' if len(ready) == 1 else '%d files' % len(ready),
                                          ', '.join(sorted(ready)))}
