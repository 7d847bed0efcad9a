# {{name}} ({{id}} {{version}}): {{description}}
#
# A controller script: AutoSync asks shouldExecute(profile, ma) before each run and tells
# executionComplete(run) after each run. The global `autosync` has params, log, now() and
# local_time(zone). See scripts/README.md, "Controller scripts".

def shouldExecute(profile, ma):
    return True  # or {'execute': False, 'reason': 'why not now'}


def executionComplete(run):
    staging = [s['staging'] for s in run['steps']]
    changes = sum(s['add'] + s['update'] + s['rename'] + s['delete'] for s in staging)
    limit = autosync.params['maxChanges']
    if changes > limit:
        return {'halt': 'ma', 'reason': '%d changes staged by run %d of %s (more than %d)'
                % (changes, run['runNumber'], run['ma'], limit)}
    return None  # carry on
