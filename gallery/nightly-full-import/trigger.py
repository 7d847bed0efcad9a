# Nightly full import: fires {profileType: FullImport} once a day at `at` in `timeZone`.
#
# Polled (every `interval`, 30s by default). Each poll works out the most recent scheduled time
# at or before now ("due") and fires when that occurrence has not been handled yet. The date of
# the last occurrence handled is kept in the trigger's state, so a restart neither repeats a
# night nor forgets one: after downtime over the scheduled time the import still runs when
# AutoSync is back within `catchUp`, and is skipped (with a warning) when it is back later.
# While the trigger runs, a poll after the time always fires, however long `interval` is.
# The first start only notes the current occurrence: the first import is the next scheduled one.
#
# Local times come from ctx.local_time(zone), on AutoSync's clock. A time that does not exist
# (02:30 on the night clocks go forward) fires at the first poll after it; a time that happens
# twice (clocks go back) fires once.

import re
from datetime import date, timedelta

AT = re.compile(r'^([01]?\d|2[0-3]):([0-5]\d)$')
DAY_MINUTES = 24 * 60
polled_since_start = False  # module state: reset when the trigger (re)starts or reloads


def poll(ctx):
    global polled_since_start
    after_start = not polled_since_start
    polled_since_start = True
    at = ctx.params['at']
    m = AT.match(at.strip())
    if m is None:
        raise ValueError("at: expected a time such as 02:00 (HH:MM, 24-hour clock), got '%s'" % at)
    at_minutes = int(m.group(1)) * 60 + int(m.group(2))
    now = ctx.local_time(ctx.params['timeZone'])
    today = date(now['year'], now['month'], now['day'])
    now_minutes = now['hour'] * 60 + now['minute']
    if now_minutes >= at_minutes:
        due, late_minutes = today, now_minutes - at_minutes
    else:
        due, late_minutes = today - timedelta(days=1), now_minutes + DAY_MINUTES - at_minutes
    last = ctx.state.get('lastNight')
    if last is not None and last >= due.isoformat():
        return None
    ctx.state.put('lastNight', due.isoformat())
    when = '%s %02d:%02d %s' % (due.isoformat(), at_minutes // 60, at_minutes % 60, now['zone'])
    if last is None:
        ctx.log.info('First start: the next full import is after %s' % when)
        return None
    if after_start and late_minutes * 60000 > ctx.params['catchUp']:
        ctx.log.warn('Skipped the full import of %s: AutoSync was not running then, and it is'
                     ' %d minutes late, more than catchUp allows' % (when, late_minutes))
        return None
    caught_up = ' (caught up %d minutes late)' % late_minutes if after_start else ''
    return {'profileType': 'FullImport', 'reason': 'nightly full import for ' + when + caught_up}
