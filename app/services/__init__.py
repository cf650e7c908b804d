"""What both faces use, with no Qt and no printing (text leaves through callbacks): composition
(compose, paths, config, settings, attach), the agent, skills, recording, models, the dataset
export, doctor's checks, and voice."""
