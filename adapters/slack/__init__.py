"""The Slack adapter: slash commands, buttons and the App Home, rendered as Block Kit."""
