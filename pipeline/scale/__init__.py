"""Running a job on more than one machine."""
