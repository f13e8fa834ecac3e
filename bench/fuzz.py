"""A long fuzz of the live API from its own OpenAPI schema: requests sent, 5xx, failures by kind.

    make run                                # in one shell, then in another:
    make fuzz                               # or .venv/bin/python -m bench.fuzz [--examples 30]

Every operation gets ``--examples`` positive and as many negative (schema-violating) examples,
each checked by all of schemathesis's checks (as voicefit/tests/test_fuzz.py does in the suite
with a few examples). The caller is a staff user of tier admin (created or updated on the
server's database, so the rate limiter stays out of the way), sent with a fresh access token per
operation. Operations that create or delete accounts are left out. The exit status is 1 when any
request got a 5xx or failed a check.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from collections import Counter
from typing import Any

FUZZ_STAFF_EMAIL = "fuzz-staff@voicefit.invalid"
EXAMPLE_CHARS = 300  # of the first failing response's body, printed under each kind
# gunicorn refuses a request line over its limit (4,094 bytes) itself, before the API sees it,
# as a proxy in front would: an HTML 414 outside the API's contract. A schema-violating example
# that long is counted as refused by the server; a schema-valid one is still checked.
REQUEST_LINE_TOO_LONG = 414


def _token() -> str:
    from accounts.models import User
    from accounts.tokens import TierTokenObtainPairSerializer

    user = User.objects.get(email=FUZZ_STAFF_EMAIL)
    return str(TierTokenObtainPairSerializer.get_token(user).access_token)


def _record(
    failure: Any, case: Any, response: Any, failures: Counter[str], examples: dict[str, str]
) -> None:
    """Counts a failed check by kind and keeps the first one's request and response, to show
    why."""
    kind = f"{failure.title} ({case.operation.method.upper()} {case.operation.path})"
    failures[kind] += 1
    sent = ascii({"query": case.query, "body": case.body})[:EXAMPLE_CHARS]
    answer = f"{response.status_code} {response.text[:EXAMPLE_CHARS]}"
    examples.setdefault(kind, f"{answer}\n          sent: {sent}")


def _fuzz_operation(
    operation: Any,
    args: argparse.Namespace,
    tally: Counter[str],
    failures: Counter[str],
    examples: dict[str, str],
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode
    from schemathesis.core.failures import Failure, FailureGroup

    from voicefit.fuzzing import excluded_checks

    headers = {"Authorization": f"Bearer {_token()}"}
    excluded = excluded_checks(operation.method.upper(), operation.path)
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @given(operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=args.examples,
            deadline=None,
            derandomize=args.seed is None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case: Any) -> None:
            response = case.call(base_url=args.base_url, headers=headers, timeout=60)
            tally["requests"] += 1
            if response.status_code >= 500:
                tally["5xx"] += 1
            negative = case.meta is not None and case.meta.generation.mode.is_negative
            if response.status_code == REQUEST_LINE_TOO_LONG and negative:
                tally["414"] += 1
                return
            try:
                case.validate_response(response, headers=headers, excluded_checks=excluded)
            except FailureGroup as group:
                for failure in group.exceptions:
                    _record(failure, case, response, failures, examples)
            except Failure as failure:
                _record(failure, case, response, failures, examples)

        try:
            run()
        except Unsatisfiable:  # nothing in the operation can be made invalid (GET /api/)
            continue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=30, help="per operation and mode")
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--seed", type=int, default=None, help="default: derandomized")
    parser.add_argument("--path", default=None, help="only operations whose path matches")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()
    import schemathesis

    from accounts.services import staff_user_ensure
    from voicefit.fuzzing import SKIP, register_formats

    register_formats()
    staff_user_ensure(email=FUZZ_STAFF_EMAIL, password=secrets.token_urlsafe(24))
    loaded = schemathesis.openapi.from_url(f"{args.base_url}/api/schema/?format=json")
    schema = loaded.include(path_regex=args.path) if args.path else loaded
    tally: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    examples: dict[str, str] = {}
    started = time.perf_counter()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]
        if (operation.method.upper(), operation.path) in SKIP:
            continue
        operations += 1
        _fuzz_operation(operation, args, tally, failures, examples)
        print(
            f"{operation.method.upper():6} {operation.path:45} requests {tally['requests']:6d}"
            f"  5xx {tally['5xx']}  failed checks {sum(failures.values())}",
            flush=True,
        )
    elapsed = time.perf_counter() - started
    print(f"operations        {operations}")
    print(f"examples          {args.examples} per operation and mode (positive, negative)")
    print(f"requests sent     {tally['requests']}")
    print(f"5xx responses     {tally['5xx']}")
    print(f"414 (too long)    {tally['414']}  (schema-violating examples refused by gunicorn)")
    print(f"failed checks     {sum(failures.values())}")
    for kind, count in failures.most_common():
        print(f"  {count:6d}  {kind}")
        print(f"          first: {examples[kind]}")
    print(f"elapsed           {elapsed:.0f} s")
    return 1 if tally["5xx"] or failures else 0


if __name__ == "__main__":
    sys.exit(main())
