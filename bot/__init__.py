"""Conversation logic, platform-neutral: commands, replies, charts and their texts."""
