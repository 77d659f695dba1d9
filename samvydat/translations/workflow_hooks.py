"""Admin hooks: workflow."""
