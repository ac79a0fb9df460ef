"""Reading files: events.yaml or a TimelineJS timeline to a Timeline and its diagnostics."""
