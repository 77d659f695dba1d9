"""Admin hooks: machine."""
