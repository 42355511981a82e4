"""Dialogues between the commune's leaders and the people (Luật THDCCS 2022, Điều 32) and a
petition case's complaint dialogues: agenda, invitations, attendance, questions, answers,
commitments, minutes, results."""
