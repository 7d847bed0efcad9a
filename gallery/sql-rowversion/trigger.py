# SQL pending changes with a row-version watermark (the reference product's ACMA rowversion
# example): fires the configured target (a delta import unless configured) when rows of `table`
# have a `versionColumn` greater than the watermark kept in the trigger's state.
#
# Each poll runs one cheap query, SELECT MAX(versionColumn), and a second one, a COUNT of the
# rows above the watermark, only when the maximum moved. The watermark moves to the maximum seen
# when the trigger fires, so rows changed while AutoSync was stopped are found at the next start.
# The first start only records the current maximum. A maximum below the watermark (the database
# was restored, or the table rebuilt) fires once and starts over from there.
#
# The SQL capability is read-only and binds parameters; table and column names cannot be bound,
# so they are checked to be plain identifiers.

import re

IDENTIFIER = re.compile(r'^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*){0,2}$')


def identifier(name, value):
    if not IDENTIFIER.match(value or ''):
        raise ValueError("%s: expected a plain table or column name such as dbo.people, got '%s'"
                         % (name, value))
    return value


def first_value(rows):
    # Column labels are spelt as the driver reports them (H2: upper case), so take the value.
    return next(iter(rows[0].values())) if rows else None


def poll(ctx):
    table = identifier('table', ctx.params['table'])
    column = identifier('versionColumn', ctx.params['versionColumn'])
    high = first_value(ctx.sql.query('SELECT MAX(%s) AS high FROM %s' % (column, table)))
    high = int(high) if high is not None else 0
    last = ctx.state.get('rowversion')
    if last is None:
        ctx.state.put('rowversion', high)
        ctx.log.info('Watching %s from row version %d' % (table, high))
        return None
    if high == last:
        return None
    if high < last:
        ctx.state.put('rowversion', high)
        ctx.log.warn('The row version of %s went back from %d to %d; was the database restored?'
                     ' Starting over from %d' % (table, last, high, high))
        return {'reason': 'row version of %s went back from %d to %d (restored?)'
                          % (table, last, high)}
    changed = first_value(ctx.sql.query(
        'SELECT COUNT(*) AS changed FROM %s WHERE %s > ?' % (table, column), [last]))
    if changed < ctx.params['minChanges']:
        return None  # keep the watermark: the changes add up until there are enough
    ctx.state.put('rowversion', high)
    return {'reason': '%d rows changed in %s (row version %d to %d)'
                      % (changed, table, last, high)}
