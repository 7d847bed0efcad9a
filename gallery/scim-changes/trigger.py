# SCIM change poll: asks a SCIM 2.0 service (RFC 7644) for resources modified after a watermark,
#   GET <url>?filter=meta.lastModified gt "<watermark>"&attributes=meta.lastModified&count=<pageSize>
# and fires the configured target (a delta import unless configured) when there are any. The
# watermark moves to the newest modification time in the answer and is kept in the trigger's
# state, so a restart continues where it stopped. The first poll only sets the watermark: now
# on AutoSync's clock minus `skew`.
#
# An answer other than 200 fails the poll with the status and the server's detail, and the
# trigger's onError applies (use onError: reset to keep polling through outages).

import json
from datetime import datetime, timezone, timedelta
from urllib.parse import quote, urlencode


def iso(t):
    return t.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%S') + (
        '.%03dZ' % (t.microsecond // 1000) if t.microsecond else 'Z')


def parse(text):
    return datetime.fromisoformat(text.replace('Z', '+00:00'))


def value(resource, path):
    for part in path.split('.'):
        if not isinstance(resource, dict):
            return None
        resource = resource.get(part)
    return resource


def poll(ctx):
    p = ctx.params
    watermark = ctx.state.get('lastModified')
    if watermark is None:
        start = datetime.fromtimestamp(ctx.now() / 1000, tz=timezone.utc) - timedelta(
            milliseconds=p['skew'])
        ctx.state.put('lastModified', iso(start))
        ctx.log.info('Watching %s for changes after %s' % (p['url'], iso(start)))
        return None
    query = urlencode({'filter': '%s gt "%s"' % (p['attribute'], watermark),
                       'attributes': p['attribute'], 'count': p['pageSize']}, quote_via=quote)
    headers = {'Accept': 'application/scim+json'}
    if p['token']:
        headers['Authorization'] = 'Bearer ' + p['token']
    r = ctx.http.get(p['url'] + ('&' if '?' in p['url'] else '?') + query, headers=headers)
    if r['status'] != 200:
        raise RuntimeError('SCIM service answered %d to the change poll of %s: %s'
                           % (r['status'], p['url'], detail(r['body'])))
    answer = json.loads(r['body']) if isinstance(r['body'], str) else r['body']
    total = answer.get('totalResults', 0)
    if total == 0:
        return None
    times = [parse(t) for t in (value(res, p['attribute']) for res in answer.get('Resources', []))
             if t]
    newest = max(times) if times else None
    if newest is not None and newest > parse(watermark):
        ctx.state.put('lastModified', iso(newest))
    kind = p['url'].rstrip('/').rsplit('/', 1)[-1]
    return {'reason': '%d %s changed since %s' % (total, kind, watermark)}


def detail(body):
    try:
        return json.loads(body).get('detail') or body[:200]
    except (ValueError, AttributeError):
        return str(body)[:200]
