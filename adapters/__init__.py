"""The edges of Quotabot: chat platforms and CRMs, each in its own folder."""
