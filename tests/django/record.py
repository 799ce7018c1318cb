#!/usr/bin/env python3
"""Record what real Django 5.2 does for a batch of ORM snippets.

Reads a JSON list of {"name": ..., "python": ...} on stdin and writes a JSON list of records
on stdout, one per case, in input order:

  {"name", "queries": [sql, ...],          # every statement Django logged, params inlined,
                                           # including BEGIN/COMMIT/SAVEPOINT
   "templates": [sql-with-%s | null, ...],  # the same statements as sent to the cursor
   "params": [[...] | null, ...],           # (null for BEGIN/COMMIT that Django logs without a cursor call)
   "count",                                 # statements excluding BEGIN/COMMIT/ROLLBACK/SAVEPOINT
   "count_including_tx",
   "result", "stdout", "exception": {type, module, message} | null,
   "traceback_tail"?}                        # only when an exception was raised

Each case runs exactly as `ask` runs a snippet (harness.run_scenario on a fresh copy of the
blog database, same imports in the exec scope, one expression is evaluated, otherwise the
statements run and `result` is read). The template database is built once for the batch.

Run it with the reference venv's interpreter (made by `ask` on first use):
  /tmp/django52-reference/bin/python tests/django/record.py < cases.json
DJANGO_REFERENCE_DIR points at the django-reference folder (default: ../shared/django-reference
relative to the repository root).
"""
import json
import os
import re
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE_DIR = os.path.abspath(os.environ.get(
    'DJANGO_REFERENCE_DIR', os.path.join(REPO_ROOT, '..', 'shared', 'django-reference')))

if not os.path.isfile(os.path.join(REFERENCE_DIR, 'harness.py')):
    sys.exit(f'record.py: no harness.py in {REFERENCE_DIR} (set DJANGO_REFERENCE_DIR)')
if not os.path.isfile(os.path.join(REFERENCE_DIR, 'fixture.json')):
    sys.exit(f'record.py: no fixture.json in {REFERENCE_DIR}: run its ./ask once to generate it')
sys.path.insert(0, REFERENCE_DIR)

import harness  # noqa: E402  (configures Django and calls django.setup())
from django.db import connection  # noqa: E402

# The same prelude as ask.py.
PRELUDE = ('from django.db.models import *\n'
           'from django.db.models.functions import *\n'
           'from django.db import connection, transaction\n'
           'from django.core.cache import cache\n'
           'from django.utils import timezone\n'
           'from blog.models import Author, Category, Tag, Post, Comment\n')


def make_fn(src):
    scope = {}
    exec(PRELUDE, scope)

    def fn():
        try:  # a single expression: its value is the result
            code = compile(src, '<ask>', 'eval')
        except SyntaxError:
            code = None  # statements: run them, the result is `result` (outside the except
            # block, so a traceback does not carry the SyntaxError as its context)
        if code is not None:
            return eval(code, scope)
        exec(compile(src, '<ask>', 'exec'), scope)
        return scope.get('result')

    return fn


# Django names savepoints s{thread id}_x{n} (n counts per connection). The thread id differs
# between processes, so it is written as 1, and n restarts at 1 for every case (as in a fresh
# process such as `ask`), so recordings do not depend on the process or the batch order.
_SAVEPOINT_ID = re.compile(r'"s\d+_x(\d+)"')


def normalize_sql(sql):
    return None if sql is None else _SAVEPOINT_ID.sub(r'"s1_x\1"', sql)


def disconnect_receivers():
    """Each case starts with no signal receivers, as a fresh process would (ask runs one case per process)."""
    from django.db.models import signals
    for signal in (signals.pre_init, signals.post_init, signals.pre_save, signals.post_save,
                   signals.pre_delete, signals.post_delete, signals.m2m_changed):
        signal.receivers = []
        signal.sender_receivers_cache.clear()


def record(case):
    name, src = case['name'], case['python']
    connection.savepoint_state = 0
    disconnect_receivers()
    try:
        rec = harness.run_scenario(make_fn(src))
    except Exception as e:  # noqa: BLE001 - e.g. the result was a QuerySet (not JSON-able)
        return {'name': name, 'queries': [], 'templates': [], 'params': [], 'count': 0,
                'count_including_tx': 0, 'result': None, 'stdout': '',
                'exception': None,
                'recorder_error': {'type': type(e).__qualname__, 'message': str(e)}}
    queries = rec['queries']
    out = {
        'name': name,
        'queries': [normalize_sql(q['sql']) for q in queries],
        'templates': [normalize_sql(q.get('sql_template')) for q in queries],
        'params': [q.get('params') for q in queries],
        'count': rec['query_count_excluding_tx'],
        'count_including_tx': rec['query_count'],
        'result': rec['result'],
        'stdout': rec['stdout'],
        'exception': rec['exception'],
    }
    if rec.get('traceback_tail'):
        out['traceback_tail'] = (rec['traceback_tail'].replace(os.path.abspath(__file__), '<record.py>')
                                 .replace(REFERENCE_DIR + os.sep, '<django-reference>/'))
    return out


def main():
    cases = json.load(sys.stdin)
    if not isinstance(cases, list) or not all(
            isinstance(c, dict) and isinstance(c.get('name'), str) and isinstance(c.get('python'), str)
            for c in cases):
        sys.exit('record.py: stdin must be a JSON list of {"name": str, "python": str}')
    real_stdout = sys.stdout
    harness.build_template()
    records = [record(c) for c in cases]
    json.dump(records, real_stdout, ensure_ascii=False)
    real_stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
