"""Admin hooks: status."""
