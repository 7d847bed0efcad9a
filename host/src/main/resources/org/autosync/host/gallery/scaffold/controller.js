// {{name}} ({{id}} {{version}}): {{description}}
//
// A controller script: AutoSync asks shouldExecute(profile, ma) before each run and tells
// executionComplete(run) after each run. The global `autosync` has params, log, now() and
// localTime(zone). See scripts/README.md, "Controller scripts".

function shouldExecute(profile, ma) {
  return true; // or {execute: false, reason: 'why not now'}
}

function executionComplete(run) {
  const changes = run.steps.reduce(
      (n, s) => n + s.staging.add + s.staging.update + s.staging.rename + s.staging.delete, 0);
  if (changes > autosync.params.maxChanges) {
    return {halt: 'ma', reason: changes + ' changes staged by run ' + run.runNumber + ' of '
        + run.ma + ' (more than ' + autosync.params.maxChanges + ')'};
  }
  return null; // carry on
}
