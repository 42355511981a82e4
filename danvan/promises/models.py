"""Promises kept: every commitment, pledge, answer and remedy the commune owes the people, each a
task of the plans app (one task model for every promise), with its public answer."""
