"""Inspections of discipline, public duty, dân vận work and grassroots democracy: the yearly plan,
inspections, findings, conclusions with remedies, re-checks, commendations and sanctions."""
