"""What both faces use, with no Qt and no printing: composition (compose, paths, config,
settings, attach), the agent, skills, recording, models, the dataset export, doctor's
checks, and voice. Text leaves through ``Say`` callbacks: the command line prints each
line, the panel shows it in its conversation."""

from collections.abc import Callable

Say = Callable[[str], None]  # a line for the user
