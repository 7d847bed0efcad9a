// Weekly exclusive full sync: fires {profileType: FullSync, exclusive: true} once a week, on
// `day` at `at` in `timeZone`. Exclusive: the controller drains every other MA first and runs the
// sync alone, as the reference product's "run exclusively" does.
//
// Polled (every `interval`, 30s by default). Each poll works out the most recent scheduled time
// at or before now and fires when that week's sync has not been handled yet; the date handled
// is kept in the trigger's state (`lastWeek`). First start: only noted. After downtime over the
// time: fired when AutoSync is back within `catchUp`, else skipped with a warning. While the
// trigger runs, a poll after the time always fires.

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const AT = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 24 * 3600 * 1000;
let polledSinceStart = false; // reset when the trigger (re)starts or reloads

function poll(ctx) {
  const afterStart = !polledSinceStart;
  polledSinceStart = true;
  const m = AT.exec(String(ctx.params.at).trim());
  if (!m) {
    throw new RangeError("at: expected a time such as 03:00 (HH:MM, 24-hour clock), got '"
        + ctx.params.at + "'");
  }
  const atMinutes = Number(m[1]) * 60 + Number(m[2]);
  const day = DAYS.indexOf(ctx.params.day) + 1; // ISO: 1 = Monday
  const now = ctx.localTime(ctx.params.timeZone);
  // Local dates as UTC midnights, so that date arithmetic ignores the zone's offsets.
  const today = Date.UTC(now.year, now.month - 1, now.day);
  const nowMinutes = now.hour * 60 + now.minute;
  let daysBack = (now.weekday - day + 7) % 7;
  if (daysBack === 0 && nowMinutes < atMinutes) {
    daysBack = 7;
  }
  const due = new Date(today - daysBack * DAY_MS).toISOString().slice(0, 10);
  const lateMinutes = daysBack * 24 * 60 + nowMinutes - atMinutes;
  const last = ctx.state.get('lastWeek');
  if (last !== null && last >= due) {
    return null;
  }
  ctx.state.put('lastWeek', due);
  const when = ctx.params.day + ' ' + due + ' ' + pad(atMinutes / 60 | 0) + ':'
      + pad(atMinutes % 60) + ' ' + now.zone;
  if (last === null) {
    ctx.log.info('First start: the next full sync is after ' + when);
    return null;
  }
  if (afterStart && lateMinutes * 60000 > ctx.params.catchUp) {
    ctx.log.warn('Skipped the full sync of ' + when + ': AutoSync was not running then, and it'
        + ' is ' + lateMinutes + ' minutes late, more than catchUp allows');
    return null;
  }
  return {
    profileType: 'FullSync',
    exclusive: true,
    reason: 'weekly full sync for ' + when
        + (afterStart ? ' (caught up ' + lateMinutes + ' minutes late)' : ''),
  };
}

function pad(n) {
  return n < 10 ? '0' + n : String(n);
}
