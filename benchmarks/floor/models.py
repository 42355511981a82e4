"""The two tables the floor reads, unmanaged: the columns a list line shows, nothing else."""

from django.db import models


class Petition(models.Model):
    commune_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    tracking_code = models.CharField(max_length=12)
    subject = models.CharField(max_length=300)
    status = models.CharField(max_length=20)
    received_on = models.DateField()
    due_on = models.DateField(null=True)

    class Meta:
        managed = False
        db_table = "petitions_petition"

    def __str__(self) -> str:
        return f"{self.number}/{self.year}"


class Task(models.Model):
    commune_id = models.BigIntegerField()
    title = models.CharField(max_length=500)
    next_due = models.DateField(null=True)
    done_on = models.DateField(null=True)
    percent = models.PositiveSmallIntegerField()

    class Meta:
        managed = False
        db_table = "plans_task"

    def __str__(self) -> str:
        return self.title
