"""Scheduled posts: one APScheduler job per schedule, each run claimed in the database.

Several replicas each run their own scheduler (APScheduler 3 must not share a job store
between processes). A run is claimed by inserting its `scheduled_run` row, unique by job
and fire time, so exactly one replica posts; each delivery of the run is recorded before
it is sent and marked after, so a restart finishes a half-done fan-out without posting
anything twice. See scheduler/runner.py.
"""
