"""Ethnic and religious work: respected persons (người có uy tín) and the contacts made with them, religious establishments and their yearly events, the officers who follow each."""
