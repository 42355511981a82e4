"""Study and outreach sessions that teach the resolutions and laws the plan cites: attendance by unit, materials."""
