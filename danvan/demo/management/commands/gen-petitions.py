"""`danvan gen-petitions`: province-scale petitions for the benchmarks, on bench communes.

    danvan gen-bench --communes 65 --tasks 200000 --seed 42     # communes, offices, villages, users
    danvan gen-petitions --petitions 1000000 --seed 42          # then the petitions

It adds petitions to the communes that `gen-bench` created (accounts `bench_…`) and refuses a
database without them, so it never writes into the demo or a real commune's register.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.models import Membership, Role, Unit
from danvan.demo.bench_petitions import check_deadlines, generate_petitions


class Command(BaseCommand):
    help = "Add benchmark petitions (subjects, contents, statuses, deadlines) to bench communes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--petitions", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--no-events", action="store_true", help="skip PetitionEvent rows")

    def handle(self, *args: object, **opts: Any) -> None:
        if opts["petitions"] < 1 or not 100 <= opts["batch_size"] <= 50_000:
            raise CommandError("--petitions must be ≥ 1 and --batch-size between 100 and 50000.")
        leaders = Membership.objects.filter(
            user__username__startswith="bench_", role=Role.LEADER, unit__kind=Unit.Kind.COMMUNE
        ).values_list("unit_id", flat=True)
        communes = list(Unit.objects.filter(pk__in=leaders).order_by("pk"))
        if not communes:
            raise CommandError(
                "No bench communes here: run `danvan gen-bench` on this database first."
            )
        self.stdout.write(
            f"gen-petitions: {opts['petitions']:,} petitions over {len(communes)} communes, "
            f"seed {opts['seed']}, batches of {opts['batch_size']}"
        )
        t0 = time.perf_counter()
        stats = generate_petitions(
            communes,
            opts["petitions"],
            opts["seed"],
            batch_size=opts["batch_size"],
            events=not opts["no_events"],
            say=self.stdout.write,
        )
        for line in stats.lines():
            self.stdout.write(f"  {line}")
        checked, bad = check_deadlines()
        self.stdout.write(
            f"  self-check: {checked - bad}/{checked} open petitions' due dates match services"
        )
        if bad:
            raise CommandError(f"{bad} sampled due dates disagree with petitions.services")
        self.stdout.write(
            self.style.SUCCESS(f"gen-petitions done in {time.perf_counter() - t0:.1f} s")
        )
