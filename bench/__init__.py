"""Benchmarks: a generator of large, realistic companies to measure Quotabot against."""
