"""The texts of the message catalogue, one module per language, under the same keys."""
