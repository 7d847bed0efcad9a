// Maintenance window: shouldExecute(profile, ma) vetoes a run while the local time is inside one
// of the windows (for every profile, or only those in `profiles`), with the window and its end
// as the reason; the controller runs it once the window is over. It defines no
// executionComplete. The windows are checked when the script loads: a malformed one stops it
// from loading, with the reason.
//
// A window is "<days> HH:MM-HH:MM" or "<day> HH:MM-<day> HH:MM":
//   daily 02:00-02:30          every day
//   sat 22:00-sun 04:00        from Saturday 22:00 to Sunday 04:00
//   mon-fri 12:00-13:00        on each working day
//   sun 23:00-01:00            past midnight: Sunday 23:00 to Monday 01:00
// Days are mon, tue, wed, thu, fri, sat, sun (or their full names); times are local to
// `timeZone`, read with autosync.localTime on AutoSync's clock.

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY = 24 * 60;
const WEEK = 7 * DAY;
const WINDOW = /^\s*([a-z]+(?:-[a-z]+)?)\s+(\d{1,2}):(\d{2})\s*-\s*(?:([a-z]+)\s+)?(\d{1,2}):(\d{2})\s*$/i;

const windows = autosync.params.windows.flatMap(parseWindow); // [{from, to, text}] in week minutes
const profiles = new Set(autosync.params.profiles || []);

function shouldExecute(profile, ma) {
  if (profiles.size > 0 && !profiles.has(profile)) {
    return true;
  }
  const now = autosync.localTime(autosync.params.timeZone);
  const minute = (now.weekday - 1) * DAY + now.hour * 60 + now.minute;
  for (const w of windows) {
    const inside = w.from < w.to ? minute >= w.from && minute < w.to
        : minute >= w.from || minute < w.to; // wraps past Sunday midnight
    if (inside) {
      return {execute: false, reason: "'" + profile + "' held back during the maintenance window '"
          + w.text + "' (" + now.zone + ') until ' + describe(w.to)};
    }
  }
  return true;
}

function parseWindow(text) {
  const m = WINDOW.exec(text);
  const problem = "windows: expected a window such as 'sat 22:00-sun 04:00', 'daily 02:00-02:30'"
      + " or 'mon-fri 12:00-13:00', got '" + text + "'";
  if (!m) {
    throw new RangeError(problem);
  }
  const start = minutes(m[2], m[3], problem);
  const end = minutes(m[5], m[6], problem);
  const result = [];
  if (m[4]) { // "<day> HH:MM-<day> HH:MM"
    const from = day(m[1], problem) * DAY + start;
    const to = day(m[4], problem) * DAY + end;
    result.push({from: from, to: to % WEEK, text: text.trim()});
  } else {
    for (const d of days(m[1], problem)) {
      const from = d * DAY + start;
      const to = (d * DAY + end + (end <= start ? DAY : 0)) % WEEK;
      result.push({from: from, to: to, text: text.trim()});
    }
  }
  if (result.some((w) => w.from === w.to)) {
    throw new RangeError(problem + ' (it is empty)');
  }
  return result;
}

function days(spec, problem) {
  const s = spec.toLowerCase();
  if (s === 'daily') {
    return [0, 1, 2, 3, 4, 5, 6];
  }
  const range = s.split('-');
  if (range.length === 1) {
    return [day(s, problem)];
  }
  const result = [];
  for (let d = day(range[0], problem); ; d = (d + 1) % 7) {
    result.push(d);
    if (d === day(range[1], problem)) {
      return result;
    }
  }
}

function day(name, problem) {
  const d = DAYS.indexOf(name.toLowerCase().slice(0, 3));
  if (d < 0 || !('monday tuesday wednesday thursday friday saturday sunday'.includes(
      name.toLowerCase()))) {
    throw new RangeError(problem + " ('" + name + "' is not a day)");
  }
  return d;
}

function minutes(h, m, problem) {
  const value = Number(h) * 60 + Number(m);
  if (Number(h) > 23 || Number(m) > 59) {
    throw new RangeError(problem + ' (' + h + ':' + m + ' is not a time)');
  }
  return value;
}

function describe(weekMinute) {
  const d = Math.floor(weekMinute / DAY);
  const rest = weekMinute % DAY;
  const hh = Math.floor(rest / 60);
  const mm = rest % 60;
  return DAYS[d] + ' ' + (hh < 10 ? '0' : '') + hh + ':' + (mm < 10 ? '0' : '') + mm;
}
