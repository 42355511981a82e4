"""`danvan gen-unitwork`: province-scale records of issue 14 for the benchmarks, on bench communes.

    danvan gen-bench --communes 65 --tasks 20000 --seed 42    # communes, offices, villages, users
    danvan gen-unitwork --scale 1 --seed 42                  # then ~420,000 rows

Practices of the movement, commendations, articles and broadcasts, notes of public opinion,
respected persons and religious establishments, study sessions and one-stop dossiers
(danvan/demo/bench_unitwork.py) for the communes `gen-bench` created (accounts `bench_…`). It
refuses a database without bench communes, so it never writes into the demo or a real
commune's records, and one that already holds practices.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.demo.bench_unitwork import bench_communes, generate
from danvan.movement.models import Practice


class Command(BaseCommand):
    help = "Add benchmark records of the movement and the units' work to bench communes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args: object, **opts: Any) -> None:
        if not 0 < opts["scale"] <= 20 or not 100 <= opts["batch_size"] <= 50_000:
            raise CommandError(
                "--scale must be above 0 and at most 20, --batch-size between 100 and 50000."
            )
        communes = bench_communes()
        if not communes:
            raise CommandError(
                "No bench communes here: run `danvan gen-bench` on this database first."
            )
        found = Practice.objects.count()
        if found:
            raise CommandError(
                f"This database already holds {found:,} practices: gen-unitwork adds them once. "
                "Start from a fresh bench database (benchmarks/unitwork.py makes one)."
            )
        self.stdout.write(
            f"gen-unitwork: scale {opts['scale']} in each of {len(communes)} communes, "
            f"seed {opts['seed']}"
        )
        t0 = time.perf_counter()
        stats = generate(
            communes,
            opts["scale"],
            opts["seed"],
            batch_size=opts["batch_size"],
            say=self.stdout.write,
        )
        for line in stats.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(f"gen-unitwork done in {time.perf_counter() - t0:.1f} s")
        )
