"""`danvan gen-promises`: province-scale promises for the benchmarks, on bench communes.

    danvan gen-bench --communes 65 --tasks 20000 --seed 42    # communes, offices, villages, users
    danvan gen-promises --per-commune 1500 --seed 42         # then ~100,000 promises

It adds promises (each with its task in the commune's yearly promise plan, the outcome's report
and the audit entries the services log; danvan/demo/bench_promises.py) to the communes that
`gen-bench` created (accounts `bench_…`). It refuses a database without bench communes, so it
never writes into the demo or a real commune's register, and one that already holds promises.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.demo.bench_promises import bench_communes, generate
from danvan.promises.models import Promise


class Command(BaseCommand):
    help = "Add benchmark promises (sources, owners, outcomes, tasks) to bench communes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--per-commune", type=int, default=1500)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args: object, **opts: Any) -> None:
        if not 1 <= opts["per_commune"] <= 100_000 or not 100 <= opts["batch_size"] <= 50_000:
            raise CommandError(
                "--per-commune must be between 1 and 100000, --batch-size between 100 and 50000."
            )
        communes = bench_communes()
        if not communes:
            raise CommandError(
                "No bench communes here: run `danvan gen-bench` on this database first."
            )
        found = Promise.objects.count()
        if found:
            raise CommandError(
                f"This database already holds {found:,} promises: gen-promises adds them once. "
                "Start from a fresh bench database (benchmarks/promises.py makes one)."
            )
        self.stdout.write(
            f"gen-promises: ~{opts['per_commune']:,} promises in each of {len(communes)} "
            f"communes, seed {opts['seed']}"
        )
        t0 = time.perf_counter()
        stats = generate(
            communes,
            opts["per_commune"],
            opts["seed"],
            batch_size=opts["batch_size"],
            say=self.stdout.write,
        )
        for line in stats.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(f"gen-promises done in {time.perf_counter() - t0:.1f} s")
        )
