"""Notes of public opinion (dư luận xã hội) from villages and organisations, linked to petitions and hotspots, summarised monthly for the leaders."""
