"""Grassroots mediation (hòa giải ở cơ sở): a team per village, its mediators, its cases and their
outcome, the yearly figures."""
