"""The `quotabot` application: command line, demo and the wiring of the parts."""
