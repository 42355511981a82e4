"""Council questioning (chất vấn) at the sessions of the HĐND xã: questions, answers at the session
or in writing, pledges and the report on them before the next session."""
