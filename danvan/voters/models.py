"""Voter meetings of the council's delegates, chaired by the Fatherland Front, and the voters'
recommendations: classified, forwarded, answered, published."""
