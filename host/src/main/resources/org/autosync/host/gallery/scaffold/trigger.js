// {{name}} ({{id}} {{version}}): {{description}}
//
// AutoSync calls poll(ctx) when the trigger starts and then `interval` after each poll ends
// (30s unless the configuration says otherwise). Return nothing to do nothing, `true` for the
// configured target (profileType: DeltaImport unless configured), a run profile's name, or a
// request such as {profileType: 'FullImport', reason: 'why'}. See scripts/README.md for ctx.
//
// Replace the body with your check. ctx.state survives restarts: keep watermarks there.

function poll(ctx) {
  const polls = (ctx.state.get('polls') || 0) + 1;
  ctx.state.put('polls', polls);
  if (polls % ctx.params.everyPolls !== 0) {
    return null;
  }
  return {reason: 'poll ' + polls + ', every ' + ctx.params.everyPolls + ' polls'};
}
