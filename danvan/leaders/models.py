"""Directives (chỉ đạo, đôn đốc) and periodic reports of the leaders' loop."""
