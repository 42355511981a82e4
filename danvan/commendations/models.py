"""Commendations (khen thưởng) across the product: proposals, decisions and the register of who was commended for what (the movement, inspections, mediation, models)."""
