# Halt on mass deletes: after each run, adds up the deletes its import steps staged (and
# delete-adds, if asked) and halts the MA, or the whole service, when they are more than
# `maxDeletes`. A halt stops the follow-up synchronization, so staged deletes go no further
# until an operator has looked and resumes. Runs within the limit carry on; this script never
# vetoes a run (no shouldExecute).

def executionComplete(run):
    p = autosync.params
    by_partition = {}
    for step in run['steps']:
        staging = step['staging']
        deletes = staging['delete'] + (staging['deleteAdd'] if p['countDeleteAdds'] else 0)
        if deletes:
            by_partition[step['partition']] = by_partition.get(step['partition'], 0) + deletes
    total = sum(by_partition.values())
    if total <= p['maxDeletes']:
        return None
    where = ', '.join('%s: %d' % (k, v) for k, v in sorted(by_partition.items()))
    what = 'deletes and delete-adds' if p['countDeleteAdds'] else 'deletes'
    return {'halt': p['halt'],
            'reason': '%d %s staged by run %d (%s) of %s (%s), more than %d allowed; check the'
                      ' source before resuming' % (total, what, run['runNumber'], run['profile'],
                                                   run['ma'], where, p['maxDeletes'])}
