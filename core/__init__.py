"""The domain and the scoring engine of Quotabot. Knows nothing of chat platforms."""
