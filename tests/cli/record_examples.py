#!/usr/bin/env python3
"""Record what real Django 5.2 runs and prints for every file in examples/.

  /tmp/django52-reference/bin/python tests/cli/record_examples.py      # writes tests/cli/examples-django.json
  /tmp/django52-reference/bin/python tests/cli/record_examples.py --print   # also shows each example's statements

(The venv is the one ../shared/django-reference/ask makes on first use: run `ask` once if it is missing.)

Each example's Django program is
  - the example itself for examples/NAME.py (Django Python, runnable on both sides), or
  - tests/cli/examples-django/NAME.py for examples/NAME.ts: the same program in Django's Python.
It runs exactly as `ask` runs a snippet (tests/django/record.py: a fresh copy of the reference blog
database, tests/fixtures/blog-reference.json, the same names in scope), with one addition: a
`replica` database alias, a separate copy of the same data as in ORM Lab, whose statements are
counted too. tests/cli/examples-django.test.ts runs every example with `npm run play --fixture
tests/fixtures/blog-reference.json` and compares statement counts, SQL and printed output with
what this records.

Exits non-zero, naming the example, if an example has no Django program or Django raised.
"""
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
EXAMPLES = os.path.join(REPO_ROOT, 'examples')
TWINS = os.path.join(HERE, 'examples-django')
OUT = os.path.join(HERE, 'examples-django.json')

sys.path.insert(0, os.path.join(REPO_ROOT, 'tests', 'django'))
import record  # noqa: E402  (imports harness: configures Django)

import django  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

harness = record.harness
REPLICA_PATH = os.path.join(os.path.dirname(harness.DB_PATH), 'replica.sqlite3')
# ORM Lab's `replica` alias: a second database that starts as a copy of default.
connections.settings['replica'] = {**connections.settings['default'], 'NAME': REPLICA_PATH}


def django_program(name):
    """(path relative to the repo, source) of the Django program for examples/<name>."""
    stem, ext = os.path.splitext(name)
    path = os.path.join(EXAMPLES, name) if ext == '.py' else os.path.join(TWINS, stem + '.py')
    if not os.path.isfile(path):
        sys.exit(f'record_examples.py: examples/{name} has no Django program: write {os.path.relpath(path, REPO_ROOT)}')
    with open(path) as f:
        return os.path.relpath(path, REPO_ROOT), f.read()


def run(src):
    connection.savepoint_state = 0
    record.disconnect_receivers()
    replica = connections['replica']
    replica.close()
    replica.savepoint_state = 0
    shutil.copyfile(harness.TEMPLATE_PATH, REPLICA_PATH)
    fn = record.make_fn(src)
    on_replica = []

    def with_replica_capture():
        with CaptureQueriesContext(replica) as ctx:
            try:
                return fn()
            finally:
                on_replica.extend(record.normalize_sql(q['sql']) for q in ctx.captured_queries)

    rec = harness.run_scenario(with_replica_capture)
    replica_tx = [q for q in on_replica if q.upper().startswith(harness.TX_PREFIXES)]
    out = {
        'count': rec['query_count_excluding_tx'] + len(on_replica) - len(replica_tx),
        'count_including_tx': rec['query_count'] + len(on_replica),
        'output': rec['stdout'].split('\n')[:-1] if rec['stdout'] else [],
        'queries': [record.normalize_sql(q['sql']) for q in rec['queries']],
        'exception': rec['exception'],
    }
    if on_replica:
        out['replica_queries'] = on_replica
    if rec.get('traceback_tail'):
        out['traceback_tail'] = rec['traceback_tail']
    return out


def main(argv):
    names = sorted(n for n in os.listdir(EXAMPLES) if n.endswith(('.ts', '.py')))
    harness.build_template()
    examples = {}
    failed = []
    for name in names:
        path, src = django_program(name)
        rec = run(src)
        if rec['exception']:
            failed.append(f"examples/{name} ({path}): Django raised {rec['exception']['type']}: "
                          f"{rec['exception']['message']}\n{rec.get('traceback_tail', '')}")
        examples[name] = {'django_program': path, 'python': src, **rec}
        if '--print' in argv:
            print(f'── examples/{name} ({path}): {rec["count"]} statements', file=sys.stderr)
            for q in rec['queries'] + rec.get('replica_queries', []):
                print('   ', q, file=sys.stderr)
            for line in rec['output']:
                print('  >', line, file=sys.stderr)
    if failed:
        sys.exit('record_examples.py: nothing written:\n' + '\n'.join(failed))
    with open(OUT, 'w') as f:
        json.dump({'django': django.get_version(), 'examples': examples}, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'wrote {os.path.relpath(OUT, REPO_ROOT)}: {len(examples)} examples', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
