"""Translation workflow: translate actions, translation status, machine-drafted translations (docs/translation.md)."""
